package io.dwpilot.simulator.workload;

/** How heavy a template is; WRITE marks the only templates that change data (run them outside read-only mode). */
public enum Complexity {
    SIMPLE,
    MEDIUM,
    COMPLEX,
    WRITE
}
