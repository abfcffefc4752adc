package io.gladys.local;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a service's program and makes the command line the operating system runs. On Windows a
 * program named without an extension is found through {@code PATHEXT} ({@code uv} is {@code uv.exe},
 * {@code npm} is {@code npm.cmd}), and a batch file runs through {@code cmd.exe /c} with every argument
 * quoted, since CreateProcess cannot run it directly. The platform is a parameter, so the Windows
 * rules are tested on any machine.
 */
public record Commands(boolean windows, String path, String pathExt) {

    private static final String DEFAULT_PATHEXT = ".COM;.EXE;.BAT;.CMD";

    /** The rules of this machine, with the given PATH (null: this process's). */
    public static Commands of(String path) {
        return new Commands(ProcessControl.isWindows(), path == null ? System.getenv("PATH") : path,
                System.getenv("PATHEXT"));
    }

    private String separator() {
        return windows ? ";" : ":";
    }

    /** Whether the program is given as a path (relative to the working directory) rather than a name. */
    public boolean isPath(String program) {
        return program.contains("/") || windows && (program.contains("\\") || program.contains(":"));
    }

    /** The program's file: a path resolved against the working directory, or a name looked up on the PATH. */
    public Optional<Path> find(String program, Path workDir) {
        try {
            if (isPath(program)) {
                return candidates(workDir.resolve(program));
            }
            for (String dir : (path == null ? "" : path).split(separator())) {
                String d = windows ? dir.replace("\"", "") : dir; // Windows PATH entries may be quoted
                if (!d.isEmpty()) {
                    Optional<Path> p = candidates(Path.of(d).resolve(program));
                    if (p.isPresent()) {
                        return p;
                    }
                }
            }
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The file itself when it runs; on Windows also the file with each PATHEXT extension, in order. */
    private Optional<Path> candidates(Path p) {
        if (!windows) {
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String name = p.getFileName().toString();
        List<String> exts = extensions();
        if (exts.stream().anyMatch(e -> name.toUpperCase(Locale.ROOT).endsWith(e)) && Files.isRegularFile(p)) {
            return Optional.of(p);
        }
        for (String e : exts) {
            Path c = p.resolveSibling(name + e.toLowerCase(Locale.ROOT));
            if (Files.isRegularFile(c)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private List<String> extensions() {
        String pe = pathExt == null || pathExt.isBlank() ? DEFAULT_PATHEXT : pathExt;
        List<String> out = new ArrayList<>();
        for (String e : pe.split(";")) {
            if (!e.isBlank()) {
                out.add(e.trim().toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }

    /**
     * The command line to start, given the service's command and its program's file. Elsewhere than on
     * Windows, the command as written. On Windows, the found file in place of the name, and a
     * {@code .cmd}/{@code .bat} wrapped as {@code cmd.exe /d /s /c "<program> <args>"}, each part quoted.
     */
    public List<String> commandLine(List<String> command, Path program) {
        if (!windows) {
            return command;
        }
        List<String> args = command.subList(1, command.size());
        String name = program.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(name.endsWith(".cmd") || name.endsWith(".bat"))) {
            List<String> out = new ArrayList<>();
            out.add(program.toString());
            out.addAll(args);
            return out;
        }
        StringBuilder line = new StringBuilder(quoteForCmd(program.toString()));
        for (String a : args) {
            line.append(' ').append(quoteForCmd(a));
        }
        // /s: cmd strips the outer quotes and runs the rest as written; /d: no AutoRun commands
        return List.of("cmd.exe", "/d", "/s", "/c", "\"" + line + "\"");
    }

    /**
     * One argument for cmd.exe: in double quotes (doubled inside) when it holds a space or a character cmd
     * would take for its own ({@code & | < > ^ ( ) , ; =} and quotes); cmd still expands {@code %VAR%}.
     */
    static String quoteForCmd(String arg) {
        if (!arg.isEmpty() && arg.chars().noneMatch(c -> " \t\"&|<>^(),;=!".indexOf(c) >= 0)) {
            return arg;
        }
        return "\"" + arg.replace("\"", "\"\"") + "\"";
    }
}
