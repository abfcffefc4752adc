package io.gladys.reference.common;

import java.util.Map;

/**
 * What a reference service reads from its environment. The plugin gives every service it launches
 * its own port (GLADYS_PORT) and the stack's addresses under GLADyS's variable names.
 */
public record ReferenceSettings(Map<String, String> env) {

    public static ReferenceSettings fromSystem() {
        return new ReferenceSettings(System.getenv());
    }

    public int port(int fallback) {
        return intValue("GLADYS_PORT", intValue("GRPC_PORT", fallback));
    }

    public String bindAddress() {
        return value("GLADYS_BIND_ADDRESS", "127.0.0.1");
    }

    public String memoryAddress() {
        return value("MEMORY_STORAGE_ADDRESS", "localhost:50051");
    }

    public String gatewayAddress() {
        return value("SALIENCE_GATEWAY_ADDRESS", "localhost:50052");
    }

    public String executiveAddress() {
        return value("EXECUTIVE_ADDRESS", "localhost:50053");
    }

    public String value(String key, String fallback) {
        String v = env.get(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    public int intValue(String key, int fallback) {
        String v = env.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + v + "'");
        }
    }
}
