package io.gladys.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding a service's program and the command line that runs it, under Windows' rules and Unix's, on any machine. */
class CommandsTest {

    @TempDir
    Path dir;

    private Path file(String relative) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "");
        return p;
    }

    private Commands windows(Path... pathDirs) {
        return new Commands(true, String.join(";", java.util.Arrays.stream(pathDirs).map(Path::toString).toList()),
                ".COM;.EXE;.BAT;.CMD");
    }

    @Test
    void onWindowsANameWithoutExtensionIsFoundThroughPathextInItsOrder() throws Exception {
        Path tools = dir.resolve("Program Files/tools");
        Path node = dir.resolve("node js");
        file("Program Files/tools/uv.exe");
        file("node js/npm.cmd");
        file("node js/npm"); // the shell script npm ships beside npm.cmd: not runnable on Windows
        file("Program Files/tools/both.cmd");
        file("Program Files/tools/both.exe");
        Commands c = windows(tools, node);
        assertThat(c.find("uv", dir)).contains(tools.resolve("uv.exe"));
        assertThat(c.find("npm", dir)).contains(node.resolve("npm.cmd"));
        assertThat(c.find("both", dir)).as(".EXE comes before .CMD in PATHEXT").contains(tools.resolve("both.exe"));
        assertThat(c.find("uv.exe", dir)).contains(tools.resolve("uv.exe"));
        assertThat(c.find("missing", dir)).isEmpty();
    }

    @Test
    void onWindowsQuotedPathEntriesAndAPathRelativeToTheWorkingDirectoryAreFound() throws Exception {
        Path quoted = dir.resolve("with space");
        file("with space/cargo.exe");
        file("work dir/scripts/serve.bat");
        Commands c = new Commands(true, "\"" + quoted + "\";", null); // no PATHEXT: Windows' default
        assertThat(c.find("cargo", dir)).contains(quoted.resolve("cargo.exe"));
        assertThat(c.isPath("scripts/serve")).isTrue();
        assertThat(c.isPath("scripts\\serve")).isTrue();
        assertThat(c.isPath("C:serve")).isTrue();
        assertThat(c.find("scripts/serve", dir.resolve("work dir")))
                .contains(dir.resolve("work dir/scripts/serve.bat"));
    }

    @Test
    void onWindowsABatchFileRunsThroughCmdWithEveryPartQuoted() throws Exception {
        Path npm = file("node js/npm.cmd");
        Commands c = windows(npm.getParent());
        List<String> line = c.commandLine(List.of("npm", "run", "serve", "--name=a b", "say \"hi\"", "x&y", ""), npm);
        assertThat(line).containsExactly("cmd.exe", "/d", "/s", "/c",
                "\"\"" + npm + "\" run serve \"--name=a b\" \"say \"\"hi\"\"\" \"x&y\" \"\"\"");
    }

    @Test
    void onWindowsAnExecutableRunsDirectlyUnderItsFoundName() throws Exception {
        Path uv = file("Program Files/tools/uv.exe");
        List<String> line = windows(uv.getParent()).commandLine(List.of("uv", "run", "C:\\My Project\\main.py"), uv);
        assertThat(line).containsExactly(uv.toString(), "run", "C:\\My Project\\main.py");
    }

    @Test
    void quotingLeavesPlainArgumentsAloneAndQuotesCmdsOwnCharacters() {
        assertThat(Commands.quoteForCmd("plain-arg.txt")).isEqualTo("plain-arg.txt");
        assertThat(Commands.quoteForCmd("C:\\dir\\file")).isEqualTo("C:\\dir\\file");
        for (String special : List.of("a b", "a|b", "a<b", "a>b", "a^b", "(a)", "a,b", "a;b", "a=b", "a!b")) {
            assertThat(Commands.quoteForCmd(special)).as(special).isEqualTo("\"" + special + "\"");
        }
    }

    @Test
    void onUnixANameNeedsTheExecutableBitAndNoExtensionIsAdded() throws Exception {
        Path bin = dir.resolve("b i n");
        Path tool = file("b i n/tool");
        file("b i n/tool.exe");
        Commands c = new Commands(false, bin.toString(), ".EXE");
        assertThat(c.find("tool", dir)).as("not executable yet").isEmpty();
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(c.find("tool", dir)).contains(tool);
        assertThat(c.isPath("a\\b")).as("a backslash is part of a Unix file name").isFalse();
        assertThat(c.commandLine(List.of("tool", "a b"), tool)).containsExactly("tool", "a b");
    }
}
