namespace Ml.Cnn.Cli;

/// <summary>Ctrl+C as a cancellation while a long call runs (training, a sweep): the process is not killed; the call stops cleanly.</summary>
internal static class CtrlC
{
    /// <summary>Runs <paramref name="body"/> with a token that Ctrl+C cancels.</summary>
    public static T Cancels<T>(Func<CancellationToken, T> body)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return body(cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
