using System.Diagnostics;

namespace Ml.Cnn.Sweeps;

/// <summary>
/// Runs a study: <see cref="SweepOptions.Workers"/> workers each claim a trial from the storage (its parameters drawn by the
/// sampler inside the claim), run the trial function, report every epoch's metric (the pruner may stop the trial at a
/// rung), and record how it ended, until the study holds <see cref="SweepOptions.Trials"/> finished trials. Another process
/// (on any machine sharing the storage) running the same study joins it; a rerun after a crash continues it: the crashed
/// trial is marked failed and its slot runs again. A trial that throws is marked failed with its message.
/// </summary>
/// <param name="space">The search space.</param>
/// <param name="options">The sweep's options (validated by <see cref="Run"/>).</param>
public sealed class Sweep(SearchSpace space, SweepOptions options)
{
    /// <summary>How often a worker with nothing to run asks again whether the study needs a trial.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>The search space.</summary>
    public SearchSpace Space { get; } = space ?? throw new ArgumentNullException(nameof(space));

    /// <summary>The options.</summary>
    public SweepOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Raised on the worker's thread after each trial of this process ends.</summary>
    public event EventHandler<TrialFinishedEventArgs>? TrialFinished;

    /// <summary>Runs the study until it holds its trials; returns every trial of it.</summary>
    /// <param name="storage">Where the study is kept.</param>
    /// <param name="trial">Trains one trial.</param>
    /// <param name="cancellation">Stops the workers; their running trials are marked failed (a rerun runs them again).</param>
    /// <exception cref="InvalidOperationException">The study exists with another space or metric, or trials kept failing.</exception>
    public SweepResult Run(ITrialStorage storage, Func<TrialContext, TrialOutcome> trial, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(trial);
        Options.Validate();
        if (Space.Count == 0) throw new ArgumentException("The search space has no parameters.");
        var maximize = Options.IsMaximized;
        var study = storage.OpenStudy(new StudyDefinition(Options.Study, Options.Metric, maximize, Space, Options.Sampler.Name, Options.Pruner.Name, Options.Seed));
        if (Options.ModelDirectory is { } directory) Directory.CreateDirectory(directory);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        if (Options.Workers == 1) Work(storage, study, trial, 0, stop);
        else
        {
            var workers = Enumerable.Range(0, Options.Workers)
                .Select(slot => Task.Factory.StartNew(() => Work(storage, study, trial, slot, stop), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
                .ToArray();
            try
            {
                Task.WaitAll(workers);
            }
            catch (AggregateException e)
            {
                throw e.InnerExceptions[0];
            }
        }
        cancellation.ThrowIfCancellationRequested();
        return new SweepResult(Options.Study, Options.Metric, maximize, storage.Trials(study));
    }

    private void Work(ITrialStorage storage, StudyHandle study, Func<TrialContext, TrialOutcome> trial, int slot, CancellationTokenSource stop)
    {
        var worker = WorkerIdentity.Current(slot);
        var failures = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var claim = storage.Claim(study, Options.Trials, worker, Options.StaleAfter, (trials, number) =>
                    (Options.Sampler.Sample(Space, new SamplingContext(number, Options.Seed, study.Definition.Maximize, trials)), Options.Seed));
                if (claim.Trial is not { } claimed)
                {
                    if (claim.Finished >= Options.Trials) return;
                    stop.Token.WaitHandle.WaitOne(Poll);
                    continue;
                }
                var failed = RunTrial(storage, study, claimed, trial, stop.Token);
                failures = failed is null ? 0 : failures + 1;
                if (failures >= Options.MaxConsecutiveFailures)
                    throw new InvalidOperationException($"Study '{Options.Study}': {failures} trials in a row failed; the last (trial {claimed.Number}, {claimed.Parameters}): {failed}");
            }
        }
        catch
        {
            stop.Cancel();
            throw;
        }
    }

    /// <summary>Runs one claimed trial to its end; returns why it failed, or null.</summary>
    private string? RunTrial(ITrialStorage storage, StudyHandle study, TrialRecord claimed, Func<TrialContext, TrialOutcome> trial, CancellationToken cancellation)
    {
        var rungs = Options.Pruner.Rungs(Options.MaxEpochs).ToHashSet();
        var clock = Stopwatch.StartNew();
        using var heartbeat = new Timer(_ => Beat(storage, claimed.Id), null, Options.HeartbeatInterval, Options.HeartbeatInterval);
        var context = new TrialContext(claimed, Options.MaxEpochs, Options.ThreadsPerWorker, (epoch, value) =>
        {
            storage.ReportEpoch(claimed.Id, epoch, value, clock.Elapsed.TotalSeconds);
            clock.Restart();
            return !rungs.Contains(epoch) || Options.Pruner.Promote(value, storage.ValuesAtEpoch(study, epoch), study.Definition.Maximize);
        }, cancellation);
        string? failure = null;
        try
        {
            using var outcome = trial(context);
            if (cancellation.IsCancellationRequested) failure = "the sweep was cancelled while the trial ran";
            else if (!double.IsFinite(outcome.Value)) failure = $"its metric {Options.Metric} is {outcome.Value}";
            else
            {
                var state = outcome.Pruned ? TrialState.Pruned : TrialState.Complete;
                // False when another worker took the trial for dead meanwhile (and runs its slot again): its work is dropped.
                var recorded = storage.Finish(claimed.Id, state, outcome.Value, null);
                if (recorded && state == TrialState.Complete && Options.ModelDirectory is { } directory && outcome.SaveModel is { } save
                    && new SweepResult(Options.Study, Options.Metric, study.Definition.Maximize, storage.Trials(study)).Best?.Id == claimed.Id)
                {
                    var path = Path.GetFullPath(Path.Combine(directory, $"{FileName(Options.Study)}-trial-{claimed.Number}.zip"));
                    save(path);
                    storage.SetModelPath(claimed.Id, path);
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            failure = cancellation.IsCancellationRequested ? "the sweep was cancelled while the trial ran" : e.Message.ReplaceLineEndings(" ");
        }
        if (failure is not null) storage.Finish(claimed.Id, TrialState.Failed, null, failure);
        var trials = storage.Trials(study);
        TrialFinished?.Invoke(this, new TrialFinishedEventArgs(trials.First(t => t.Id == claimed.Id), trials.Count(t => t.IsFinished)));
        return failure;
    }

    private static void Beat(ITrialStorage storage, long trialId)
    {
        try
        {
            storage.Heartbeat(trialId);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A missed heartbeat (server restart, busy database) is retried at the next tick; only a long silence marks
            // the trial dead. An exception here would end the process: the timer runs on a pool thread.
        }
    }

    private static string FileName(string study) => string.Concat(study.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
