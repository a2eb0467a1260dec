package io.dwpilot.agents.runtime;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The per-agent automatic-mode switch (design §1 "Automatic action can be switched off per agent"): one
 * event-sourced entity per agent name. In {@link Mode#AUTOMATIC} the agent applies its own decisions; in
 * {@link Mode#RECOMMEND_ONLY} it only recommends and a person applies or rejects. Every change is a
 * {@link ModeChanged} decision event, so it shows in the decision feed and in replay.
 */
public final class AgentSwitch
        extends EventSourcedBehaviorWithEnforcedReplies<AgentSwitch.Command, AgentSwitch.Event, AgentSwitch.State> {

    /** Entity type, the first part of the persistence id ({@code AgentSwitch|<agent>}). */
    public static final String ENTITY_TYPE = "AgentSwitch";

    static final int SNAPSHOT_EVERY = 100;

    public enum Mode {
        AUTOMATIC,
        RECOMMEND_ONLY
    }

    // ---- protocol -------------------------------------------------------------------------------------------

    public sealed interface Command extends JsonSerializable permits SetMode, GetMode {}

    /** Switches the agent's mode; replies OK also when the mode already was the asked one (nothing persisted). */
    public record SetMode(Mode mode, String reason, ActorRef<StatusReply<Done>> replyTo) implements Command {
        public SetMode {
            Objects.requireNonNull(mode, "mode");
            reason = reason == null ? "" : reason;
        }
    }

    public record GetMode(ActorRef<ModeView> replyTo) implements Command {}

    /** What {@link GetMode} answers. */
    public record ModeView(String agent, Mode mode, long changes) implements JsonSerializable {}

    // ---- events ---------------------------------------------------------------------------------------------

    public sealed interface Event extends AgentDecision permits ModeChanged {}

    public record ModeChanged(String agent, Mode mode, String reason, Instant at) implements Event {
        @Override
        public DecisionKind kind() {
            return DecisionKind.MODE_CHANGED;
        }

        @Override
        public String summary() {
            return agent + " switched to " + mode.name().toLowerCase().replace('_', '-')
                    + (reason.isBlank() ? "" : ": " + reason);
        }
    }

    // ---- state ----------------------------------------------------------------------------------------------

    /** The current mode and how many times it changed. New agents start {@link Mode#AUTOMATIC}. */
    public record State(Mode mode, long changes) implements JsonSerializable {
        public static State initial() {
            return new State(Mode.AUTOMATIC, 0);
        }

        State apply(ModeChanged event) {
            return new State(event.mode(), changes + 1);
        }
    }

    // ---- behavior -------------------------------------------------------------------------------------------

    private final String agent;
    private final Clock clock;

    private AgentSwitch(String agent, Clock clock) {
        super(persistenceId(agent), PersistFailure.BACKOFF);
        this.agent = agent;
        this.clock = clock;
    }

    public static PersistenceId persistenceId(String agent) {
        return PersistenceId.of(ENTITY_TYPE, agent);
    }

    public static Behavior<Command> create(String agent, Clock clock) {
        if (agent == null || agent.isBlank() || agent.contains("|")) {
            throw new IllegalArgumentException("agent name must be non-blank and without '|', got: " + agent);
        }
        Objects.requireNonNull(clock, "clock");
        return Behaviors.setup(context -> new AgentSwitch(agent, clock));
    }

    @Override
    public State emptyState() {
        return State.initial();
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        return newCommandHandlerWithReplyBuilder()
                .forAnyState()
                .onCommand(SetMode.class, this::onSetMode)
                .onCommand(
                        GetMode.class,
                        (state, cmd) ->
                                Effect().reply(cmd.replyTo(), new ModeView(agent, state.mode(), state.changes())))
                .build();
    }

    private ReplyEffect<Event, State> onSetMode(State state, SetMode cmd) {
        if (state.mode() == cmd.mode()) {
            return Effect().reply(cmd.replyTo(), StatusReply.ack());
        }
        return Effect()
                .persist(new ModeChanged(agent, cmd.mode(), cmd.reason(), clock.instant()))
                .thenReply(cmd.replyTo(), updated -> StatusReply.ack());
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder()
                .forAnyState()
                .onEvent(ModeChanged.class, State::apply)
                .build();
    }

    @Override
    public Set<String> tagsFor(Event event) {
        return AgentDecision.tags(event.agent());
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(SNAPSHOT_EVERY, 2);
    }
}
