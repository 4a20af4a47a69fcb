using System.CommandLine;

namespace Ml.Cnn.Cli;

/// <summary>The <c>mlcnn</c> root command: train, evaluate, predict, sweep. Bad input ends with one error line and exit code 1 (2 for usage errors).</summary>
public static class MlCnnCommand
{
    /// <summary>Parses and runs a command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="stdout">Results (and the JSON line with --json).</param>
    /// <param name="stderr">Progress and errors.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("mlcnn: train, evaluate, serve and tune CNN image classifiers on libtorch.")
        {
            TrainCommand.Create(stdout, stderr),
            EvaluateCommand.Create(stdout, stderr),
            PredictCommand.Create(stdout, stderr),
            SweepCommand.Create(stdout, stderr),
        };
        var result = root.Parse(args);
        if (result.Errors.Count > 0 && args.Length > 0 && !args.Contains("--help") && !args.Contains("-h"))
        {
            stderr.WriteLine($"mlcnn: error: {result.Errors[0].Message} (see 'mlcnn {args[0]} --help')");
            return 2;
        }
        return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }

    /// <summary>Runs a command body; a <see cref="UsageException"/> becomes one line on stderr and exit code 2, other failures one line and exit code 1.</summary>
    /// <param name="stderr">Where the error line goes.</param>
    /// <param name="body">The command body.</param>
    internal static int Guard(TextWriter stderr, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"mlcnn: error: {OneLine(e)}");
            return 2;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stderr.WriteLine($"mlcnn: error: {OneLine(e)}");
            return 1;
        }
    }

    /// <summary>An exception's message on one line, without .NET's "(Parameter 'name')" suffix.</summary>
    internal static string OneLine(Exception e)
    {
        var message = e is ArgumentException { ParamName: { } p } a ? a.Message.Replace($" (Parameter '{p}')", "", StringComparison.Ordinal) : e.Message;
        return message.ReplaceLineEndings(" ");
    }
}
