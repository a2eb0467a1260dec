package io.dwpilot.bench.faults;

/** One aim of the issue and what was measured for it. */
public record Aim(String name, boolean met, String measured) {
    public String line() {
        return (met ? "PASS" : "MISS") + "  " + name + ": " + measured;
    }
}
