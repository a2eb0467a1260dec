package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.handleRejections;
import static org.apache.pekko.http.javadsl.server.Directives.withRequestTimeoutResponse;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.MalformedRequestContentRejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.server.UnsupportedRequestContentTypeRejection;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.http.scaladsl.model.IllegalRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The front door's listener: binds the API routes, answers unknown paths and failures with JSON errors. */
public final class HttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final Duration TERMINATION_DEADLINE = Duration.ofSeconds(5);

    private final ServerBinding binding;

    private HttpServer(ServerBinding binding) {
        this.binding = binding;
    }

    /** What a listener is for: named in its log line, and its bind error says where to change its port. */
    public record Listener(String name, String portSetting) {
        public static final Listener API = new Listener("HTTP server", "--port or dwpilot.http.port");
    }

    /**
     * Binds the API's listener and waits for the socket.
     *
     * @throws ServerBindException when the address is taken or cannot be used
     */
    public static HttpServer start(ActorSystem<?> system, String host, int port, List<Route> routes) {
        return start(system, Listener.API, host, port, routes);
    }

    /**
     * Binds and waits for the socket.
     *
     * @throws ServerBindException when the address is taken or cannot be used
     */
    public static HttpServer start(
            ActorSystem<?> system, Listener listener, String host, int port, List<Route> routes) {
        Route all = withRequestTimeoutResponse(
                HttpServer::timedOut,
                () -> handleExceptions(
                        errors(),
                        () -> handleRejections(
                                rejections(),
                                () -> concat(
                                        routes.get(0),
                                        routes.subList(1, routes.size()).toArray(Route[]::new)))));
        try {
            ServerBinding binding = Http.get(system)
                    .newServerAt(host, port)
                    .bind(all)
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            log.info("{} listening on {}", listener.name(), binding.localAddress());
            return new HttpServer(binding);
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            throw new ServerBindException(
                    listener.name() + ": cannot listen on " + host + ":" + port + ": "
                            + rootMessage(e)
                            + ". Is another program (or another dwpilot) using the port? Pick another with "
                            + listener.portSetting() + ".",
                    e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ServerBindException("Binding " + host + ":" + port + " took longer than 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerBindException("Interrupted while binding " + host + ":" + port, e);
        }
    }

    public int port() {
        return binding.localAddress().getPort();
    }

    public String host() {
        return binding.localAddress().getHostString();
    }

    /** Stops accepting connections; those open are served on. */
    public CompletionStage<Done> unbind() {
        return binding.unbind();
    }

    /** Unbinds, and ends the open connections once their requests are answered (at most 5 s from now). */
    public CompletionStage<Done> terminate() {
        return binding.terminate(TERMINATION_DEADLINE).thenApply(terminated -> Done.getInstance());
    }

    @Override
    public void close() {
        terminate().toCompletableFuture().join();
    }

    /** The server's request timeout (pekko.http.server.request-timeout) as the API's JSON error. */
    private static HttpResponse timedOut(HttpRequest request) {
        return ApiErrors.of(
                        StatusCodes.SERVICE_UNAVAILABLE,
                        "timeout",
                        "The server did not answer within its request timeout",
                        null)
                .addHeader(RetryAfter.create(1L));
    }

    /** Every rejection as the API's JSON error: pekko's own answers (405, a missing parameter, ...) are plain text. */
    private static RejectionHandler rejections() {
        return RejectionHandler.newBuilder()
                .handle(
                        MalformedRequestContentRejection.class,
                        r -> complete(ApiErrors.badRequest("The body is malformed: " + Quoted.prefix(r.message()))))
                .handle(
                        UnsupportedRequestContentTypeRejection.class,
                        r -> complete(ApiErrors.of(
                                StatusCodes.UNSUPPORTED_MEDIA_TYPE,
                                "unsupported_media_type",
                                "The body must be application/json",
                                null)))
                .handleNotFound(complete(ApiErrors.of(StatusCodes.NOT_FOUND, "not_found", "No such resource", null)))
                .build()
                .withFallback(RejectionHandler.defaultHandler())
                .mapRejectionResponse(ApiErrors::asJson);
    }

    /**
     * What a route threw: pekko's own request errors (a body over the size limit, an illegal request) keep their 4xx;
     * anything else is mapped as {@link ApiErrors#toResponse} maps a failure (a 500 only with an error id).
     */
    private static ExceptionHandler errors() {
        return ExceptionHandler.newBuilder()
                .match(
                        EntityStreamSizeException.class,
                        e -> complete(ApiErrors.of(
                                StatusCodes.PAYLOAD_TOO_LARGE,
                                "payload_too_large",
                                "The body is larger than the server takes (" + e.limit() + " bytes)",
                                null)))
                .match(
                        IllegalRequestException.class,
                        e -> complete(ApiErrors.of(
                                e.status(), ApiErrors.code(e.status()), e.info().summary(), null)))
                // thrown while the route was built: a parameter refused (QueryParameters), a statement the lexer
                // refused, ... as any failure of a request's work
                .match(RuntimeException.class, e -> complete(ApiErrors.toResponse(e)))
                .build();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
