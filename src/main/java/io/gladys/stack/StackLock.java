package io.gladys.stack;

/** A held lock on the stack of one project. */
public interface StackLock extends AutoCloseable {
    @Override
    void close();
}
