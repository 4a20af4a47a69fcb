using System.Diagnostics;

namespace Ml.Cnn.Sweeps.Tests.Storage;

/// <summary>What every storage must do; run against SQLite and a real PostgreSQL server.</summary>
public abstract class TrialStorageContract : IDisposable
{
    private static readonly SearchSpace Space = new SearchSpace().LogUniform("lr", 1e-4, 0.1).Choice("opt", "adam", "sgd");

    protected abstract ITrialStorage Storage { get; }

    public virtual void Dispose() => Storage.Dispose();

    private static StudyDefinition Definition(string? name = null, string metric = "MicroAccuracy", SearchSpace? space = null) =>
        new(name ?? "study-" + Guid.NewGuid().ToString("N"), metric, true, space ?? Space, "random", "asha", 1);

    private static (TrialParameters, int) Sample(IReadOnlyList<TrialRecord> trials, int number) =>
        (new RandomSampler().Sample(Space, new SamplingContext(number, 1, true, trials)), 1);

    private static readonly WorkerIdentity Me = WorkerIdentity.Current(0);

    [Fact]
    public void A_study_is_created_once_and_reopened_with_the_same_definition_only()
    {
        var definition = Definition();
        var first = Storage.OpenStudy(definition);
        var again = Storage.OpenStudy(definition);
        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(first.Id, again.Id);
        Assert.Contains("compares MicroAccuracy", Assert.Throws<InvalidOperationException>(() => Storage.OpenStudy(definition with { Metric = "LogLoss", Maximize = false })).Message);
        Assert.Contains("another search space", Assert.Throws<InvalidOperationException>(() => Storage.OpenStudy(definition with { Space = new SearchSpace().Uniform("x", 0, 1) })).Message);
    }

    [Fact]
    public void Claims_number_trials_in_order_and_stop_when_finished_and_running_reach_the_target()
    {
        var study = Storage.OpenStudy(Definition());
        var a = Storage.Claim(study, 3, Me, TimeSpan.FromMinutes(1), Sample).Trial!;
        var b = Storage.Claim(study, 3, Me, TimeSpan.FromMinutes(1), Sample).Trial!;
        Storage.Finish(a.Id, TrialState.Complete, 0.5, null);
        var c = Storage.Claim(study, 3, Me, TimeSpan.FromMinutes(1), Sample).Trial!;
        Assert.Equal([0, 1, 2], new[] { a.Number, b.Number, c.Number });
        var none = Storage.Claim(study, 3, Me, TimeSpan.FromMinutes(1), Sample);
        Assert.True(none.NothingToRun);
        Assert.Equal((1, 2), (none.Finished, none.Running));
        Storage.Finish(b.Id, TrialState.Failed, null, "boom");
        var again = Storage.Claim(study, 3, Me, TimeSpan.FromMinutes(1), Sample).Trial!;
        Assert.Equal(3, again.Number);
        Assert.Equal([TrialState.Complete, TrialState.Failed, TrialState.Running, TrialState.Running], Storage.Trials(study).Select(t => t.State));
    }

    [Fact]
    public void A_trial_of_a_process_that_ended_is_marked_failed_at_the_next_claim_and_its_slot_runs_again()
    {
        var study = Storage.OpenStudy(Definition());
        using var ended = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        ended.WaitForExit();
        var dead = Storage.Claim(study, 1, new WorkerIdentity(Environment.MachineName, ended.Id, 0), TimeSpan.FromMinutes(1), Sample).Trial!;
        var next = Storage.Claim(study, 1, Me, TimeSpan.FromMinutes(1), Sample).Trial!;
        Assert.Equal(1, next.Number);
        var failed = Storage.Trials(study).Single(t => t.Id == dead.Id);
        Assert.Equal(TrialState.Failed, failed.State);
        Assert.Contains($"process {ended.Id}", failed.Message);
    }

    [Fact]
    public void A_trial_without_heartbeat_for_longer_than_the_limit_is_marked_failed()
    {
        var study = Storage.OpenStudy(Definition());
        var elsewhere = Storage.Claim(study, 2, new WorkerIdentity("another-host", 1, 0), TimeSpan.FromMinutes(1), Sample).Trial!;
        var beating = Storage.Claim(study, 2, new WorkerIdentity("another-host", 2, 0), TimeSpan.FromMinutes(1), Sample).Trial!;
        Thread.Sleep(600);
        Storage.Heartbeat(beating.Id);
        Assert.NotNull(Storage.Claim(study, 2, Me, TimeSpan.FromMilliseconds(400), Sample).Trial);
        var trials = Storage.Trials(study);
        Assert.Equal(TrialState.Failed, trials.Single(t => t.Id == elsewhere.Id).State);
        Assert.Contains("no heartbeat", trials.Single(t => t.Id == elsewhere.Id).Message);
        Assert.Equal(TrialState.Running, trials.Single(t => t.Id == beating.Id).State);
    }

    [Fact]
    public void Epoch_values_states_values_and_model_paths_are_kept()
    {
        var study = Storage.OpenStudy(Definition());
        var a = Storage.Claim(study, 3, Me, TimeSpan.FromMinutes(1), Sample).Trial!;
        var b = Storage.Claim(study, 3, Me, TimeSpan.FromMinutes(1), Sample).Trial!;
        Storage.ReportEpoch(a.Id, 1, 0.25, 1.5);
        Storage.ReportEpoch(a.Id, 2, 0.5, 1.25);
        Storage.ReportEpoch(b.Id, 1, 0.75, 1);
        Storage.Finish(a.Id, TrialState.Complete, 0.5, null);
        Storage.SetModelPath(a.Id, "/models/a.zip");
        Assert.Equal([0.25, 0.75], Storage.ValuesAtEpoch(study, 1).Order());
        Assert.True(Storage.Finish(b.Id, TrialState.Failed, null, "out of memory"));
        Assert.Equal([0.25], Storage.ValuesAtEpoch(study, 1));
        // A trial another worker took for dead stays failed when its own worker finishes it late.
        Assert.False(Storage.Finish(b.Id, TrialState.Complete, 0.9, null));
        var stored = Storage.Trials(study);
        Assert.Equal([0.25, 0.5], stored[0].EpochValues);
        Assert.Equal((TrialState.Complete, 0.5, "/models/a.zip"), (stored[0].State, stored[0].Value!.Value, stored[0].ModelPath));
        Assert.Equal(a.Parameters.ToJson(), stored[0].Parameters.ToJson());
        Assert.Equal("out of memory", stored[1].Message);
        Assert.NotNull(stored[0].Finished);
    }

    [Fact]
    public void Claims_from_many_threads_at_once_give_each_number_once_and_no_more_than_the_target()
    {
        var study = Storage.OpenStudy(Definition());
        var claimed = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, 6, new ParallelOptions { MaxDegreeOfParallelism = 6 }, slot =>
        {
            while (Storage.Claim(study, 20, WorkerIdentity.Current(slot), TimeSpan.FromMinutes(1), Sample).Trial is { } trial)
            {
                claimed.Add(trial.Number);
                Storage.Finish(trial.Id, TrialState.Complete, 0.1, null);
            }
        });
        Assert.Equal(Enumerable.Range(0, 20), claimed.Order());
    }
}
