using System.CommandLine;

namespace Ml.Cnn.Cli;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<string> Model(string description) => new("--model") { Description = description, Required = true };

    public static Option<string> Data() => new("--data")
    {
        Description = "Folder with train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (raw or .gz).",
        Required = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "End stdout with one JSON object holding the results." };

    public static Option<string> Device() => new("--device")
    {
        Description = "auto (CUDA when available), cpu or cuda.",
        DefaultValueFactory = _ => "auto",
    };

    public static Engine.ComputeDevice ParseDevice(string text) => text.ToLowerInvariant() switch
    {
        "auto" => Engine.ComputeDevice.Auto,
        "cpu" => Engine.ComputeDevice.Cpu,
        "cuda" => Engine.ComputeDevice.Cuda,
        _ => throw new UsageException($"--device must be auto, cpu or cuda (got '{text}')."),
    };
}
