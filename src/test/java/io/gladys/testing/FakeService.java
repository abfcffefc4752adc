package io.gladys.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A small real service for supervision tests, run as its own process:
 * <pre>
 *   --port N          accept TCP connections on 127.0.0.1:N
 *   --spawn-child     start a child process (sleep) that should die with the service
 *   --ignore-term     ignore SIGTERM (only SIGKILL ends it); says so once the handler is in place
 *   --exit CODE       exit with CODE after --after ms
 *   --after MS
 *   --chatty BYTES    write this many bytes of log lines, then carry on
 * </pre>
 */
public final class FakeService {

    public static final String IGNORING_TERM = "ignoring SIGTERM from now on";
    public static final String LISTENING = "listening on ";

    public static void main(String[] args) throws Exception {
        int port = -1;
        boolean spawn = false;
        boolean ignoreTerm = false;
        int exitCode = -1;
        long after = 0;
        long chatty = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--spawn-child" -> spawn = true;
                case "--ignore-term" -> ignoreTerm = true;
                case "--exit" -> exitCode = Integer.parseInt(args[++i]);
                case "--after" -> after = Long.parseLong(args[++i]);
                case "--chatty" -> chatty = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        System.out.println("fake service starting, pid " + ProcessHandle.current().pid());
        if (ignoreTerm) {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), sun.misc.SignalHandler.SIG_IGN);
            System.out.println(IGNORING_TERM); // tests wait for this line before they send the signal
        }
        List<Process> children = new ArrayList<>();
        if (spawn) {
            children.add(new ProcessBuilder("sleep", "1000").inheritIO().start());
            System.out.println("child " + children.get(0).pid());
        }
        if (chatty > 0) {
            String line = "x".repeat(99);
            for (long written = 0; written < chatty; written += 100) {
                System.out.println(line);
            }
            System.out.flush();
        }
        if (exitCode >= 0) {
            Thread.sleep(after);
            System.err.println("fatal: exiting with " + exitCode + " as told");
            System.exit(exitCode);
        }
        if (port > 0) {
            try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
                System.out.println(LISTENING + port);
                while (true) {
                    try (Socket s = server.accept()) {
                        s.getOutputStream().write('\n');
                    } catch (IOException e) {
                        // next
                    }
                }
            }
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
