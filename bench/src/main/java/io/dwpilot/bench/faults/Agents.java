package io.dwpilot.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The agents dwpilot lists on {@code GET /api/v1/agents}, by name. */
final class Agents {
    private Agents() {}

    static List<String> names(FaultRig rig) {
        JsonNode body = ApiClient.json(rig.api().get(rig.admin().token(), "/api/v1/agents"));
        List<String> names = new ArrayList<>();
        body.path("agents").forEach(a -> names.add(a.path("agent").asText()));
        return names.stream().sorted().toList();
    }
}
