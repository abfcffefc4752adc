package io.gladys.local;

/** The supervision suite with the JDK's process handles only: the path macOS and Windows take. */
class LocalSupervisionPortableTest extends LocalSupervisionSuite {

    @Override
    String processControl() {
        return "portable";
    }
}
