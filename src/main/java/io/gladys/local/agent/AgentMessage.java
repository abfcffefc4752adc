package io.gladys.local.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One message of the agent's protocol: a head line, then {@code key=value} lines, then an empty line.
 * A request's head is {@code gladys-agent/VERSION OP}; an answer's is {@code ok} or {@code error}.
 * Values escape backslash, newline and carriage return, so any text fits on its line; a key may repeat
 * (a list). Plain text on purpose: {@code socat - UNIX-CONNECT:agent.sock} is enough to talk to it.
 */
public record AgentMessage(String head, List<Map.Entry<String, String>> fields) {

    /** The protocol version; an agent answers requests of its own version only. */
    public static final int VERSION = 1;
    public static final String PREFIX = "gladys-agent/";
    /** The longest line read; a longer one is bad input. */
    static final int MAX_LINE = 256 * 1024;
    /** The most lines a message may have. */
    static final int MAX_LINES = 20_000;

    public AgentMessage {
        fields = List.copyOf(fields);
    }

    public static Builder request(String op) {
        return new Builder(PREFIX + VERSION + " " + op);
    }

    public static Builder ok() {
        return new Builder("ok");
    }

    public static AgentMessage error(String message) {
        return new Builder("error").put("message", message).build();
    }

    /** This message with one more field. */
    public AgentMessage with(String key, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(fields);
        more.add(Map.entry(key, value));
        return new AgentMessage(head, more);
    }

    public boolean isOk() {
        return "ok".equals(head);
    }

    /** The first value of a key. */
    public Optional<String> get(String key) {
        return fields.stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).findFirst();
    }

    public String require(String key) {
        return get(key).orElseThrow(() -> new IllegalArgumentException("no " + key + " in the request"));
    }

    /** Every value of a key, in order. */
    public List<String> all(String key) {
        return fields.stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).toList();
    }

    public void write(OutputStream out) throws IOException {
        StringBuilder b = new StringBuilder(head).append('\n');
        for (Map.Entry<String, String> f : fields) {
            b.append(f.getKey()).append('=').append(escape(f.getValue())).append('\n');
        }
        b.append('\n');
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next message, or empty at the end of the stream; bad input is a {@link BadMessage}. */
    public static Optional<AgentMessage> read(InputStream in) throws IOException {
        String head = line(in);
        if (head == null) {
            return Optional.empty();
        }
        if (head.isEmpty()) {
            throw new BadMessage("an empty head line");
        }
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        while (true) {
            String line = line(in);
            if (line == null) {
                throw new BadMessage("the message ended before its empty line");
            }
            if (line.isEmpty()) {
                return Optional.of(new AgentMessage(head, fields));
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new BadMessage("a line without key=value");
            }
            if (fields.size() >= MAX_LINES) {
                throw new BadMessage("more than " + MAX_LINES + " lines");
            }
            fields.add(Map.entry(line.substring(0, eq), unescape(line.substring(eq + 1))));
        }
    }

    /** One line without its LF; null at the end of the stream before any byte. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                return b.toString(StandardCharsets.UTF_8);
            }
            if (b.size() >= MAX_LINE) {
                throw new BadMessage("a line longer than " + MAX_LINE + " bytes");
            }
            b.write(c);
        }
        if (b.size() > 0) {
            throw new BadMessage("the stream ended inside a line");
        }
        return null;
    }

    static String escape(String v) {
        StringBuilder b = new StringBuilder(v.length());
        for (char c : v.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String unescape(String v) {
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char n = v.charAt(++i);
                b.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Input that is not a message of this protocol: the connection that sent it is closed. */
    public static final class BadMessage extends IOException {
        public BadMessage(String message) {
            super(message);
        }
    }

    public static final class Builder {
        private final String head;
        private final List<Map.Entry<String, String>> fields = new ArrayList<>();

        private Builder(String head) {
            this.head = head;
        }

        public Builder put(String key, Object value) {
            if (value != null) {
                fields.add(Map.entry(key, String.valueOf(value)));
            }
            return this;
        }

        public Builder putAll(String key, List<String> values) {
            values.forEach(v -> put(key, v));
            return this;
        }

        public AgentMessage build() {
            return new AgentMessage(head, fields);
        }
    }
}
