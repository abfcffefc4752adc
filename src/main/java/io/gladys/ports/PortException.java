package io.gladys.ports;

import io.gladys.stack.StackException;

/** Bad port settings, or a goal that cannot know the stack's ports. */
public class PortException extends StackException {

    public PortException(String message) {
        super(message);
    }
}
