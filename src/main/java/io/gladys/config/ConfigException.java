package io.gladys.config;

/** A project setting that cannot be read or does not make sense, with a message that says where. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
