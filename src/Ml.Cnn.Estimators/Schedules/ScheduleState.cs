using System.Text.Json.Serialization;

namespace Ml.Cnn.Schedules;

/// <summary>
/// Where a schedule stands in a training run, saved with a checkpoint (JSON-serializable with System.Text.Json; an infinite
/// <see cref="Best"/> is written as <c>"Infinity"</c>). Restoring it continues the identical sequence of rates.
/// </summary>
/// <param name="Name">The schedule's <see cref="LearningRateSchedule.Name"/>.</param>
/// <param name="Steps">Optimizer steps (batches) taken.</param>
/// <param name="Epochs">Epochs completed.</param>
/// <param name="LearningRate">The rate for the next optimizer step.</param>
/// <param name="Best">ReduceOnPlateau: the best monitored value so far (±infinity before the first); 0 for other schedules.</param>
/// <param name="BadEpochs">ReduceOnPlateau: epochs without improvement since the last improvement or reduction; 0 for other schedules.</param>
/// <param name="CooldownLeft">ReduceOnPlateau: cooldown epochs left; 0 for other schedules.</param>
public sealed record ScheduleState(
    string Name,
    long Steps,
    int Epochs,
    double LearningRate,
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] double Best = 0,
    int BadEpochs = 0,
    int CooldownLeft = 0);
