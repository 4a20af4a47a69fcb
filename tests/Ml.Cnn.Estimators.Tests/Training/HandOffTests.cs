using System.Runtime.InteropServices;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Training;

/// <summary>The hand-off between the batch producer and the training loop (src/Ml.Cnn.Estimators/Training/HandOff.cs).</summary>
public partial class HandOffTests
{
    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    // A thread's context switches so far, voluntary plus involuntary (Linux /proc).
    private static long Switches(int tid) =>
        File.ReadAllLines($"/proc/self/task/{tid}/status").Where(l => l.Contains("ctxt_switches", StringComparison.Ordinal))
            .Sum(l => long.Parse(l.Split(':')[1].Trim()));

    [Fact]
    public void Items_come_out_in_order_then_the_end()
    {
        var handOff = new HandOff<string>(4);
        handOff.Add("a", CancellationToken.None);
        handOff.Add("b", CancellationToken.None);
        handOff.Complete(null);

        Assert.True(handOff.TryTake(out var first));
        Assert.True(handOff.TryTake(out var second));
        Assert.Equal(["a", "b"], new[] { first, second });
        Assert.False(handOff.TryTake(out _));
    }

    [Fact]
    public void The_writers_error_reaches_the_reader_after_the_items_made_before_it()
    {
        var handOff = new HandOff<string>(4);
        handOff.Add("a", CancellationToken.None);
        handOff.Complete(new InvalidDataException("row 7 is bad"));

        Assert.True(handOff.TryTake(out var item));
        Assert.Equal("a", item);
        var error = Assert.Throws<InvalidDataException>(() => handOff.TryTake(out _));
        Assert.Equal("row 7 is bad", error.Message);
    }

    [Fact]
    public void A_full_hand_off_holds_the_writer_until_an_item_is_taken()
    {
        var handOff = new HandOff<string>(1);
        handOff.Add("a", CancellationToken.None);
        var second = new Thread(() => handOff.Add("b", CancellationToken.None));
        second.Start();

        Assert.False(second.Join(200));
        Assert.True(handOff.TryTake(out _));
        Assert.True(second.Join(5000));
        Assert.True(handOff.TryTake(out var item));
        Assert.Equal("b", item);
    }

    [Fact]
    public void Cancelling_stops_a_waiting_reader_and_a_waiting_writer()
    {
        using var cancel = new CancellationTokenSource();
        var empty = new HandOff<string>(1);
        var full = new HandOff<string>(1);
        full.Add("a", CancellationToken.None);
        var reader = Task.Factory.StartNew(() => empty.TryTake(out _, cancel.Token), TaskCreationOptions.LongRunning);
        var writer = Task.Factory.StartNew(() => full.Add("b", cancel.Token), TaskCreationOptions.LongRunning);
        Thread.Sleep(100);

        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => reader.GetAwaiter().GetResult());
        Assert.ThrowsAny<OperationCanceledException>(() => writer.GetAwaiter().GetResult());
    }

    [Fact]
    public void A_waiting_reader_sleeps_instead_of_spinning()
    {
        var handOff = new HandOff<string>(1);
        var tid = 0;
        using var started = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            tid = GetTid();
            started.Set();
            handOff.TryTake(out _);
        });
        reader.Start();
        started.Wait();
        Thread.Sleep(50);

        var before = Switches(tid);
        Thread.Sleep(300);
        var after = Switches(tid);
        handOff.Complete(null);
        reader.Join();

        // A thread that spins or yields while it waits switches hundreds of times in 300 ms; one that sleeps does not.
        Assert.InRange(after - before, 0, 3);
    }
}
