package org.rfrecon.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rfrecon} command line (SPEC §4). Each command is one class; this class only lists them
 * and maps failures to exit codes: a bad input (wrong shape, NaN, malformed file, missing GPU)
 * prints one line and exits 2.
 */
@Command(
        name = "rfrecon",
        mixinStandardHelpOptions = true,
        version = "rfrecon 0.1.0",
        description = "Learned reconstruction for RF imaging on DJL's PyTorch engine.",
        subcommands = {
            SimulateCommand.class,
            ReconstructCommand.class,
            TrainCommand.class,
            InferCommand.class,
            EvaluateCommand.class,
            AblateCommand.class,
            BenchCommand.class,
            MemoryCommand.class,
            ZooCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** Runs rfrecon and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs rfrecon and returns the exit status (0 success, 2 bad input, 1 internal error). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The configured command line (converters, exit-code mapping); {@link CommandLine#execute} runs
     * it. One instance may run many argument lists (picocli resets options before each parse).
     */
    static CommandLine commandLine() {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        CommandLine cl = new CommandLine(new Main());
        cl.registerConverter(Path.class, Main::path);
        cl.setExecutionExceptionHandler(new Failures());
        cl.setParameterExceptionHandler(
                (ex, a) -> {
                    System.err.println("rfrecon: error: " + Failures.printable(ex.getMessage()));
                    return CliErrors.USAGE;
                });
        return cl;
    }

    /**
     * A path argument; one that the file system cannot name is a usage error, not a stack trace.
     */
    private static Path path(String s) {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + Failures.printable(s) + "' is not a valid path (" + e.getReason() + ")");
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
