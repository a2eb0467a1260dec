package io.dwpilot.gateway.serving;

import io.dwpilot.models.ml.CorruptArtifactException;
import io.dwpilot.persistence.ml.ModelRegistry;
import io.dwpilot.persistence.ml.ModelVersion;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The version of each learned model that serves now, read from ml.model_registry. Readers (the gateway on every
 * statement) only read a volatile map entry. When the active artifact cannot be read, the newest kept version that
 * can takes over (and becomes the registry's active one) with an alert; when none can, the model's consumers fall
 * back to their baselines (again with an alert) — a bad artifact never stops a query.
 */
public final class ActiveModels {
    private static final Logger log = LoggerFactory.getLogger(ActiveModels.class);

    /** A model version and its artifact read back. */
    public record Serving<M>(ModelVersion version, M model) {
        public String label() {
            return version.name() + " v" + version.version();
        }
    }

    private final ModelRegistry registry;
    private final ModelAlerts alerts;
    private final Map<String, Serving<?>> serving = new ConcurrentHashMap<>();

    public ActiveModels(ModelRegistry registry, ModelAlerts alerts) {
        this.registry = registry;
        this.alerts = alerts;
    }

    /** Loads every model's active version (with fallbacks); a database error leaves the baselines serving. */
    public ActiveModels loadAll() {
        for (ModelKind<?> kind : ModelKind.ALL) {
            try {
                load(kind);
            } catch (SQLException | RuntimeException e) {
                log.warn("Could not load the active {} model, its baseline serves: {}", kind.name(), e.getMessage());
            }
        }
        return this;
    }

    /** The serving version of {@code kind}, if any. */
    @SuppressWarnings("unchecked")
    public <M> Optional<Serving<M>> get(ModelKind<M> kind) {
        return Optional.ofNullable((Serving<M>) serving.get(kind.name()));
    }

    /**
     * Makes version {@code id} the active one: its artifact is read first, so a corrupt one is refused and the
     * serving version stays.
     *
     * @throws NoSuchElementException   for an unknown id
     * @throws CorruptArtifactException when the artifact cannot be read
     */
    public ModelVersion activate(long id) throws SQLException {
        ModelVersion version =
                registry.find(id).orElseThrow(() -> new NoSuchElementException("no model version " + id));
        ModelKind<?> kind = ModelKind.named(version.name())
                .orElseThrow(() -> new IllegalArgumentException("unknown model " + version.name()));
        Object model = kind.read(registry.artifact(id));
        ModelVersion active = registry.activate(id);
        serving.put(kind.name(), new Serving<>(active, model));
        log.info("Model {} v{} now serves", active.name(), active.version());
        return active;
    }

    /** Re-reads {@code kind}'s active version, falling back to kept versions when its artifact is unreadable. */
    <M> Optional<Serving<M>> load(ModelKind<M> kind) throws SQLException {
        Optional<ModelVersion> active = registry.active(kind.name());
        if (active.isEmpty()) {
            serving.remove(kind.name());
            return Optional.empty();
        }
        Optional<M> model = read(kind, active.get());
        if (model.isPresent()) {
            Serving<M> s = new Serving<>(active.get(), model.get());
            serving.put(kind.name(), s);
            return Optional.of(s);
        }
        List<ModelVersion> older = registry.kept(kind.name()).stream()
                .filter(v -> v.version() < active.get().version())
                .toList();
        for (ModelVersion candidate : older) {
            Optional<M> fallback = read(kind, candidate);
            if (fallback.isPresent()) {
                ModelVersion now = registry.activate(candidate.id());
                alerts.fallback(
                        kind.name(),
                        "the artifact of v" + active.get().version() + " cannot be read; v" + candidate.version()
                                + " serves instead");
                Serving<M> s = new Serving<>(now, fallback.get());
                serving.put(kind.name(), s);
                return Optional.of(s);
            }
        }
        serving.remove(kind.name());
        alerts.fallback(
                kind.name(),
                "the artifact of v" + active.get().version()
                        + " cannot be read and no older version can either; the baseline serves");
        return Optional.empty();
    }

    private <M> Optional<M> read(ModelKind<M> kind, ModelVersion version) throws SQLException {
        try {
            return Optional.of(kind.read(registry.artifact(version.id())));
        } catch (CorruptArtifactException | NoSuchElementException e) {
            log.warn("Model {} v{}: {}", kind.name(), version.version(), e.getMessage());
            return Optional.empty();
        }
    }
}
