using System.Text.Json;
using Ml.Cnn.Schedules;

namespace Ml.Cnn.Estimators.Tests.Schedules;

/// <summary>Checkpoints of a schedule (save, JSON, restore) and the runner's errors.</summary>
public class ScheduleRunnerTests
{
    private const int Epochs = 10;
    private const int Batches = 4;
    private static readonly double[] Metrics = [1.0, 0.9, 0.9, 0.9, 0.9, 0.8, 0.8, 0.8, 0.8, 0.8];

    public static TheoryData<Func<LearningRateSchedule>, int> Checkpoints()
    {
        Func<LearningRateSchedule>[] schedules =
        [
            LearningRateSchedule.Constant,
            () => LearningRateSchedule.Step(3, 0.5),
            () => LearningRateSchedule.MultiStep([2, 5], 0.3),
            () => LearningRateSchedule.Exponential(0.9),
            () => LearningRateSchedule.Polynomial(4, 1e-3, 2, cycle: true),
            () => LearningRateSchedule.Cosine(3, 1e-4),
            () => LearningRateSchedule.OneCycle(0.2, threePhase: true),
            () => LearningRateSchedule.ReduceOnPlateau(0.5, patience: 1, cooldown: 1, minLearningRate: 0.03),
        ];
        var data = new TheoryData<Func<LearningRateSchedule>, int>();
        foreach (var schedule in schedules)
            foreach (var savedAfter in new[] { 2, 3, 4 })
                data.Add(schedule, savedAfter);
        return data;
    }

    [Theory]
    [MemberData(nameof(Checkpoints))]
    public void Save_and_restore_mid_run_continue_the_identical_rates(Func<LearningRateSchedule> create, int savedAfter)
    {
        var uninterrupted = create().Start(0.1, Epochs, Batches);
        var expected = Drive(uninterrupted, 0, Epochs);

        var first = create().Start(0.1, Epochs, Batches);
        var head = Drive(first, 0, savedAfter);
        var json = JsonSerializer.Serialize(first.Save());
        var resumed = create().Start(0.1, Epochs, Batches);
        resumed.Restore(JsonSerializer.Deserialize<ScheduleState>(json)!);
        var tail = Drive(resumed, savedAfter, Epochs);

        Assert.Equal(expected, head.Concat(tail));
        Assert.Equal(uninterrupted.Save(), resumed.Save());
    }

    [Fact]
    public void State_with_an_infinite_best_value_round_trips_through_json()
    {
        var state = LearningRateSchedule.ReduceOnPlateau().Start(0.1, Epochs, Batches).Save();
        Assert.Equal(double.PositiveInfinity, state.Best);
        var json = JsonSerializer.Serialize(state);
        Assert.Contains("\"Infinity\"", json);
        Assert.Equal(state, JsonSerializer.Deserialize<ScheduleState>(json));
    }

    [Fact]
    public void Restore_refuses_the_state_of_another_schedule()
    {
        var state = LearningRateSchedule.Step(3).Start(0.1, Epochs, Batches).Save();
        var e = Assert.Throws<ArgumentException>(() => LearningRateSchedule.Exponential(0.9).Start(0.1, Epochs, Batches).Restore(state));
        Assert.Equal("state", e.ParamName);
        Assert.Contains("Step", e.Message);
    }

    [Fact]
    public void Restore_refuses_a_OneCycle_state_beyond_the_run()
    {
        var state = LearningRateSchedule.OneCycle(0.1).Start(0.1, Epochs, Batches).Save() with { Steps = Epochs * Batches + 1 };
        var e = Assert.Throws<ArgumentException>(() => LearningRateSchedule.OneCycle(0.1).Start(0.1, Epochs, Batches).Restore(state));
        Assert.Equal("state", e.ParamName);
    }

    [Fact]
    public void Plateau_needs_the_monitored_value()
    {
        var runner = LearningRateSchedule.ReduceOnPlateau().Start(0.1, Epochs, Batches);
        var e = Assert.Throws<InvalidOperationException>(() => runner.AfterEpoch(null));
        Assert.Contains("monitored value", e.Message);
    }

    [Fact]
    public void OneCycle_refuses_steps_beyond_epochs_times_batches()
    {
        var runner = LearningRateSchedule.OneCycle(0.1).Start(0.1, 2, 3);
        for (var i = 0; i < 6; i++) runner.AfterBatch();
        Assert.Equal(6, runner.Steps);
        var e = Assert.Throws<InvalidOperationException>(runner.AfterBatch);
        Assert.Contains("6 optimizer steps", e.Message);
    }

    [Fact]
    public void Per_epoch_schedules_ignore_batches_and_monitored_values()
    {
        var runner = LearningRateSchedule.Exponential(0.5).Start(0.1, Epochs, Batches);
        for (var i = 0; i < 3; i++) runner.AfterBatch();
        Assert.Equal(0.1, runner.LearningRate);
        runner.AfterEpoch(42);
        Assert.Equal(0.05, runner.LearningRate);
        Assert.Equal(new ScheduleState("Exponential", 3, 1, 0.05), runner.Save());
    }

    /// <summary>The rate before every batch of epochs [from, to), then the rate after the last one.</summary>
    private static List<double> Drive(ScheduleRunner runner, int from, int to)
    {
        var rates = new List<double>();
        for (var epoch = from; epoch < to; epoch++)
        {
            for (var b = 0; b < Batches; b++)
            {
                rates.Add(runner.LearningRate);
                runner.AfterBatch();
            }
            runner.AfterEpoch(Metrics[epoch]);
        }
        if (to == Epochs) rates.Add(runner.LearningRate);
        return rates;
    }
}
