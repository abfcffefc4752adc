package io.gladys.local;

/** The supervision suite with process groups (setsid), the default on Linux. */
class LocalSupervisionGroupsTest extends LocalSupervisionSuite {

    @Override
    String processControl() {
        return "groups";
    }
}
