package io.dwpilot.gateway;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Just enough of PostgreSQL's v3 protocol to send a text as one simple-query message and count what ran. pgjdbc
 * splits a text into statements itself before sending them, so it cannot tell how PostgreSQL's own scanner splits
 * it; this client sends the text untouched. Trust authentication only.
 */
final class PostgresWireClient implements AutoCloseable {
    private static final int PROTOCOL_3_0 = 196608;
    private static final int AUTHENTICATION_OK = 0;
    private static final int TIMEOUT_MILLIS = 10_000;

    /** How many statements completed (CommandComplete messages) and the error that stopped the rest, if any. */
    record Outcome(int completed, Optional<ServerError> error) {}

    /** An ErrorResponse's SQLSTATE, message and 1-based character position (0 when it names none). */
    record ServerError(String sqlState, String message, int position) {}

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final Map<String, String> parameters = new HashMap<>();

    private PostgresWireClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    }

    static PostgresWireClient connect(String host, int port, String user, String database) throws IOException {
        Socket socket = new Socket(host, port);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        PostgresWireClient client = new PostgresWireClient(socket);
        client.startup(user, database);
        return client;
    }

    /** A server setting reported at startup, such as {@code server_encoding} or {@code server_version}. */
    String parameter(String name) {
        return parameters.get(name);
    }

    private void startup(String user, String database) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String field : new String[] {"user", user, "database", database, "client_encoding", "UTF8"}) {
            body.writeBytes(cString(field));
        }
        body.write(0);
        out.writeInt(4 + 4 + body.size());
        out.writeInt(PROTOCOL_3_0);
        body.writeTo(out);
        out.flush();
        readUntilReady(true);
    }

    /** Sends the text as one Query message and reads until the server is ready again. */
    Outcome query(String sql) throws IOException {
        byte[] text = cString(sql);
        out.writeByte('Q');
        out.writeInt(4 + text.length);
        out.write(text);
        out.flush();
        return readUntilReady(false);
    }

    /** At startup an error ends the connection, with no ReadyForQuery to wait for. */
    private Outcome readUntilReady(boolean startup) throws IOException {
        int completed = 0;
        ServerError error = null;
        while (true) {
            char type = (char) in.readUnsignedByte();
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            switch (type) {
                case 'R' -> requireAuthenticationOk(body);
                case 'S' -> {
                    String[] nameAndValue = new String(body, StandardCharsets.UTF_8).split("\0");
                    parameters.put(nameAndValue[0], nameAndValue.length > 1 ? nameAndValue[1] : "");
                }
                case 'C' -> completed++;
                case 'E' -> {
                    error = serverError(body);
                    if (startup) {
                        throw new IOException("PostgreSQL refused the connection: " + error.message());
                    }
                }
                case 'Z' -> {
                    return new Outcome(completed, Optional.ofNullable(error));
                }
                default -> {
                    // row descriptions and data, empty-query responses, notices, the backend key: not counted
                }
            }
        }
    }

    private static void requireAuthenticationOk(byte[] body) throws IOException {
        int code = ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff);
        if (code != AUTHENTICATION_OK) {
            throw new IOException("PostgreSQL asks for authentication (request " + code + "); this test client "
                    + "speaks only to a server that trusts its user, as the test servers do");
        }
    }

    /** Fields of one letter each, then their text: S(everity), C(ode), M(essage), P(osition), ... */
    private static ServerError serverError(byte[] body) {
        Map<Character, String> fields = new HashMap<>();
        int i = 0;
        while (i < body.length && body[i] != 0) {
            int end = i + 1;
            while (body[end] != 0) {
                end++;
            }
            fields.put((char) body[i], new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8));
            i = end + 1;
        }
        return new ServerError(
                fields.getOrDefault('C', ""),
                fields.getOrDefault('M', ""),
                Integer.parseInt(fields.getOrDefault('P', "0")));
    }

    private static byte[] cString(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        byte[] terminated = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, terminated, 0, bytes.length);
        return terminated;
    }

    @Override
    public void close() throws IOException {
        try {
            out.writeByte('X');
            out.writeInt(4);
            out.flush();
        } finally {
            socket.close();
        }
    }
}
