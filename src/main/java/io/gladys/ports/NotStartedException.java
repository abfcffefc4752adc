package io.gladys.ports;

/** A goal needs the ports of a stack whose ports are chosen at start, and it is not started. */
public class NotStartedException extends PortException {

    public NotStartedException(String message) {
        super(message);
    }
}
