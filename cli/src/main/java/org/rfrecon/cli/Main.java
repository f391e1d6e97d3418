package org.rfrecon.cli;

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
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new Failures());
        cl.setParameterExceptionHandler(
                (ex, a) -> {
                    ex.getCommandLine().getErr().println("rfrecon: error: " + ex.getMessage());
                    return CliErrors.USAGE;
                });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
