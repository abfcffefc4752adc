package io.gladys.local;

import io.gladys.local.process.Setsid;

import io.gladys.stack.StackException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Choosing the process control: forced by name, or by the platform. */
class ProcessControlTest {

    @Test
    void eachControlIsChosenByItsName() {
        assertThat(ProcessControl.choose("portable")).isSameAs(ProcessControl.PORTABLE);
        assertThat(ProcessControl.choose(" Portable ")).isSameAs(ProcessControl.PORTABLE);
        if (Setsid.available()) {
            assertThat(ProcessControl.choose("groups")).isSameAs(ProcessControl.GROUPS);
        } else {
            assertThatThrownBy(() -> ProcessControl.choose("groups")).hasMessageContaining("needs util-linux's setsid");
        }
    }

    @Test
    void unsetIsGroupsWhereSetsidExistsAndPortableElsewhere() {
        ProcessControl expected = !ProcessControl.isWindows() && Setsid.available() ? ProcessControl.GROUPS
                : ProcessControl.PORTABLE;
        assertThat(ProcessControl.choose(null)).isSameAs(expected);
        assertThat(ProcessControl.choose("")).isSameAs(expected);
    }

    @Test
    void anUnknownNameIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> ProcessControl.choose("threads"))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("Unknown gladys.processControl 'threads'")
                .hasMessageContaining("'groups'").hasMessageContaining("'portable'");
    }
}
