using Microsoft.Data.Sqlite;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Sweeps.Tests.Studies;

/// <summary>The study runner with trial functions that need no training: budgets, failures, pruning, determinism, workers.</summary>
public sealed class SweepTests : IDisposable
{
    private static readonly SearchSpace Space = new SearchSpace().LogUniform("lr", 1e-4, 0.1).Choice("opt", "adam", "sgd");
    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private SqliteTrialStorage Storage(string name = "s.db") => new(_temp.File(name));

    private static SweepOptions Options(int trials, ISampler? sampler = null, IPruner? pruner = null, int maxEpochs = 3) => new()
    {
        Study = "test", Trials = trials, Sampler = sampler ?? new RandomSampler(), Pruner = pruner ?? new NoPruner(), MaxEpochs = maxEpochs, Seed = 11,
    };

    /// <summary>A trial whose metric after each epoch is <paramref name="value"/>(parameters, epoch); stops when the pruner says so.</summary>
    private static Func<TrialContext, TrialOutcome> Curve(Func<TrialParameters, int, double> value) => context =>
    {
        var last = 0.0;
        for (var epoch = 1; epoch <= context.MaxEpochs; epoch++)
        {
            last = value(context.Parameters, epoch);
            if (!context.Report(epoch, last) && epoch < context.MaxEpochs) return new TrialOutcome(last, pruned: true);
        }
        return new TrialOutcome(last, pruned: false);
    };

    private static double Score(TrialParameters p, int epoch) => epoch * 0.1 - Math.Abs(Math.Log10((double)p["lr"]) + 2.5) * 0.05;

    [Fact]
    public void The_study_holds_exactly_the_trials_asked_for_and_a_rerun_runs_nothing()
    {
        using var storage = Storage();
        var calls = 0;
        var result = new Sweep(Space, Options(5)).Run(storage, c =>
        {
            Interlocked.Increment(ref calls);
            return Curve(Score)(c);
        });
        Assert.Equal((5, 5, 0, 0), (result.Finished, result.Complete, result.Pruned, result.Failed));
        Assert.Equal([0, 1, 2, 3, 4], result.Trials.Select(t => t.Number));
        Assert.All(result.Trials, t => Assert.Equal(3, t.Epochs));
        Assert.Equal(result.Trials.MaxBy(t => t.Value)!.Number, result.Best!.Number);
        var again = new Sweep(Space, Options(5)).Run(storage, c => throw new InvalidOperationException("must not run"));
        Assert.Equal(5, calls);
        Assert.Equal(5, again.Finished);
        var more = new Sweep(Space, Options(7)).Run(storage, Curve(Score));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], more.Trials.Select(t => t.Number));
    }

    [Fact]
    public void A_failing_trial_is_recorded_with_its_message_and_its_slot_runs_again()
    {
        using var storage = Storage();
        var finished = new List<TrialFinishedEventArgs>();
        var sweep = new Sweep(Space, Options(3));
        sweep.TrialFinished += (_, e) => finished.Add(e);
        var result = sweep.Run(storage, c => c.Trial.Number == 1 ? throw new InvalidOperationException("out of memory at batch 3") : Curve(Score)(c));
        Assert.Equal((3, 1), (result.Finished, result.Failed));
        Assert.Equal([TrialState.Complete, TrialState.Failed, TrialState.Complete, TrialState.Complete], result.Trials.Select(t => t.State));
        Assert.Equal("out of memory at batch 3", result.Trials[1].Message);
        Assert.Equal([1, 1, 2, 3], finished.Select(e => e.Finished));
    }

    [Fact]
    public void Trials_that_keep_failing_stop_the_sweep_with_the_last_message()
    {
        using var storage = Storage();
        var options = Options(10);
        options.MaxConsecutiveFailures = 3;
        var e = Assert.Throws<InvalidOperationException>(() => new Sweep(Space, options).Run(storage, _ => throw new ArgumentException("--momentum needs sgd")));
        Assert.Contains("3 trials in a row failed", e.Message);
        Assert.Contains("--momentum needs sgd", e.Message);
    }

    /// <summary>
    /// Hand-computed ASHA with η = 2, rungs at epochs 1 and 2 (4 epochs), flat curves 0.5, 0.7, 0.4, 0.8, 0.6 in that order:
    /// t0 is alone (goes on); t1 at rung 1 of {.5,.7}: ⌊2/2⌋ = 1 → best only → .7 goes on; t2 of {.5,.7,.4}: ⌊3/2⌋ = 1 →
    /// needs .7 → pruned at 1; t3 of {.5,.7,.4,.8}: ⌊4/2⌋ = 2 → needs .7 → on, and at rung 2 of {.5,.7,.8}: needs .8 → on;
    /// t4 of {.5,.7,.4,.8,.6}: ⌊5/2⌋ = 2 → needs .7 → pruned at 1.
    /// </summary>
    [Fact]
    public void Asha_prunes_the_hand_computed_trials_at_the_hand_computed_rungs()
    {
        using var storage = Storage();
        var space = new SearchSpace().Choice("v", 0.5, 0.7, 0.4, 0.8, 0.6);
        var result = new Sweep(space, Options(5, new GridSampler(), new AshaPruner(1, 2), maxEpochs: 4))
            .Run(storage, Curve((p, _) => (double)p["v"]));
        Assert.Equal([0.5, 0.7, 0.4, 0.8, 0.6], result.Trials.Select(t => (double)t.Parameters["v"]));
        Assert.Equal([TrialState.Complete, TrialState.Complete, TrialState.Pruned, TrialState.Complete, TrialState.Pruned], result.Trials.Select(t => t.State));
        Assert.Equal([4, 4, 1, 4, 1], result.Trials.Select(t => t.Epochs));
        Assert.Equal(3, result.Best!.Number);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("tpe")]
    public void The_same_seed_and_storage_type_give_the_same_sequence_of_parameters(string sampler)
    {
        ISampler Make() => sampler == "random" ? new RandomSampler() : new TpeSampler(startupTrials: 3);
        using var first = Storage("a.db");
        using var second = Storage("b.db");
        var a = new Sweep(Space, Options(8, Make(), new AshaPruner())).Run(first, Curve(Score));
        var b = new Sweep(Space, Options(8, Make(), new AshaPruner())).Run(second, Curve(Score));
        Assert.Equal(a.Trials.Select(t => t.Parameters.ToJson()), b.Trials.Select(t => t.Parameters.ToJson()));
        Assert.Equal(a.Trials.Select(t => t.State), b.Trials.Select(t => t.State));
    }

    [Fact]
    public void Workers_in_one_process_run_trials_at_once_without_running_any_twice()
    {
        using var storage = Storage();
        var options = Options(8);
        options.Workers = 3;
        options.Threads = 3;
        var running = 0;
        var most = 0;
        var threads = new System.Collections.Concurrent.ConcurrentBag<int>();
        var result = new Sweep(Space, options).Run(storage, c =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            threads.Add(c.Threads);
            Thread.Sleep(150);
            Interlocked.Decrement(ref running);
            return Curve(Score)(c);
        });
        Assert.Equal(Enumerable.Range(0, 8), result.Trials.Select(t => t.Number));
        Assert.Equal(8, result.Complete);
        Assert.True(most >= 2, $"at most {most} trial ran at once");
        Assert.All(threads, t => Assert.Equal(1, t));
        Assert.Equal(3, result.Trials.Select(t => t.Worker).Distinct().Count());
    }

    [Fact]
    public void The_best_complete_trials_model_is_saved_and_recorded()
    {
        using var storage = Storage();
        var options = Options(4);
        options.ModelDirectory = _temp.File("models");
        var result = new Sweep(Space, options).Run(storage, c =>
        {
            var outcome = Curve(Score)(c);
            return new TrialOutcome(outcome.Value, outcome.Pruned, path => File.WriteAllText(path, $"trial {c.Trial.Number}"));
        });
        Assert.Equal($"trial {result.Best!.Number}", File.ReadAllText(result.BestModelPath!));
        Assert.EndsWith($"test-trial-{result.Best.Number}.zip", result.BestModelPath);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
