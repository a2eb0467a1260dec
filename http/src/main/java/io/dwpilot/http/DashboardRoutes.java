package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.encodeResponse;
import static org.apache.pekko.http.javadsl.server.Directives.extractUnmatchedPath;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResource;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResourceDirectory;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByType;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.pathSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.reject;
import static org.apache.pekko.http.javadsl.server.Directives.respondWithHeader;
import static org.apache.pekko.http.javadsl.server.Directives.respondWithHeaders;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.AcceptEncoding;
import org.apache.pekko.http.javadsl.model.headers.CacheControl;
import org.apache.pekko.http.javadsl.model.headers.CacheDirectives;
import org.apache.pekko.http.javadsl.model.headers.ContentEncoding;
import org.apache.pekko.http.javadsl.model.headers.HttpEncodings;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The dashboard's static files from a classpath directory (public: they hold no data, the API they call does). GET
 * {@code /} and any path that looks like a client-side route (its last segment has no dot: {@code /queries/123}) get
 * index.html, revalidated on every load; files under {@code assets/} carry content hashes in their names, so they are
 * cached for a year; everything is gzip-encoded for clients that accept it — assets from the {@code .gz} files the
 * build compressed beside them where there are such, so a page load does not spend the server's CPU compressing the
 * same megabyte of JavaScript again. Paths under {@code /api} and
 * {@code /metrics} are never answered here, so the API keeps its JSON 404s. Without index.html on the classpath (a
 * server built without the dashboard) the pages answer 404 {@code dashboard_not_built}.
 */
public final class DashboardRoutes {
    private static final String INDEX = "index.html";
    private static final CacheControl REVALIDATE = CacheControl.create(CacheDirectives.NO_CACHE);
    private static final CacheControl FOREVER =
            CacheControl.create(CacheDirectives.PUBLIC, CacheDirectives.MAX_AGE(31_536_000), CacheDirectives.IMMUTABLE);

    private static final Map<String, ContentType> PRECOMPRESSED_TYPES = Map.of(
            ".js", MediaTypes.APPLICATION_JAVASCRIPT.toContentType(HttpCharsets.UTF_8),
            ".css", MediaTypes.TEXT_CSS.toContentType(HttpCharsets.UTF_8));

    private final String directory;
    private final boolean built;
    /** Whether a .gz sibling exists, by resource name: assets never change while the server runs. */
    private final Map<String, Boolean> gzipped = new ConcurrentHashMap<>();

    /** @param directory the classpath directory holding index.html and assets/ ("dashboard" in a release) */
    public DashboardRoutes(String directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.built = DashboardRoutes.class.getClassLoader().getResource(directory + "/" + INDEX) != null;
    }

    public Route route() {
        // the path first: a request for the API with another method must not turn into "only GET is allowed"
        return extractUnmatchedPath(path -> isApi(path)
                ? reject()
                : get(() -> concat(
                        pathPrefix(
                                "assets",
                                () -> respondWithHeader(
                                        FOREVER,
                                        () -> concat(
                                                precompressedAsset(),
                                                encodeResponse(
                                                        () -> getFromResourceDirectory(directory + "/assets"))))),
                        encodeResponse(() -> concat(
                                pathSingleSlash(this::index),
                                path(INDEX, this::index),
                                getFromResourceDirectory(directory),
                                clientRoute(path))))));
    }

    /** An asset's .gz sibling, sent as is to a client that accepts gzip; rejects when there is none. */
    private Route precompressedAsset() {
        return extractUnmatchedPath(rest -> optionalHeaderValueByType(AcceptEncoding.class, accept -> {
            String file = rest.startsWith("/") ? rest.substring(1) : rest;
            Optional<ContentType> type = PRECOMPRESSED_TYPES.entrySet().stream()
                    .filter(e -> file.endsWith(e.getKey()))
                    .map(Map.Entry::getValue)
                    .findFirst();
            String resource = directory + "/assets/" + file + ".gz";
            // assets are one flat directory of hashed names: anything else is not ours to look up
            boolean plainName = !file.isEmpty() && !file.contains("/") && !file.contains("..");
            if (type.isEmpty()
                    || !plainName
                    || !acceptsGzip(accept)
                    || !gzipped.computeIfAbsent(
                            resource,
                            r -> DashboardRoutes.class.getClassLoader().getResource(r) != null)) {
                return reject();
            }
            return respondWithHeaders(
                    List.of(ContentEncoding.create(HttpEncodings.GZIP), RawHeader.create("Vary", "Accept-Encoding")),
                    () -> getFromResource(resource, type.get()));
        }));
    }

    private static boolean acceptsGzip(Optional<AcceptEncoding> accept) {
        return accept.map(a -> {
                    for (var range : a.getEncodings()) {
                        if (range.matches(HttpEncodings.GZIP) && range.qValue() > 0) {
                            return true;
                        }
                    }
                    return false;
                })
                .orElse(false);
    }

    private Route clientRoute(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.contains(".") ? reject() : index();
    }

    private Route index() {
        if (!built) {
            return complete(ApiErrors.of(
                    StatusCodes.NOT_FOUND,
                    "dashboard_not_built",
                    "This server was built without"
                            + " the dashboard (web/): build it with the web module, or use the API under /api/v1",
                    null));
        }
        return respondWithHeader(REVALIDATE, () -> getFromResource(directory + "/" + INDEX));
    }

    private static boolean isApi(String path) {
        for (String prefix : new String[] {"/api", "/metrics"}) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }
}
