using System.Globalization;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Estimators.Tests.Packaging;

/// <summary>
/// The NuGet packages (scripts/pack.sh) install into a fresh console app from a local feed, whose ML.NET pipeline finds
/// the native library in the package and trains.
/// </summary>
public sealed class PackageInstallTests : IDisposable
{
    private const string ProjectTemplate = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <NoWarn>$(NoWarn);NU1603</NoWarn>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Ml.Cnn" Version="VERSION" />
          </ItemGroup>
        </Project>
        """;

    private const string Program = """
        using Microsoft.ML;
        using Ml.Cnn;
        using Ml.Cnn.Layers;
        using Ml.Cnn.Training;

        var ml = new MLContext(seed: 1);
        var train = ml.Data.TakeRows(ml.Data.LoadIdx(args[0], "train"), 2000);
        var test = ml.Data.TakeRows(ml.Data.LoadIdx(args[0], "t10k"), 500);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.Cnn(new CnnTrainerOptions
            {
                ImageColumnName = "Image", Architecture = Architectures.Simple, Epochs = 2, Seed = 1,
            }));
        var metrics = ml.MulticlassClassification.Evaluate(pipeline.Fit(train).Transform(test));
        Console.WriteLine($"MicroAccuracy {metrics.MicroAccuracy.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        """;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_fresh_console_app_installs_the_packages_from_a_local_feed_and_trains()
    {
        using var cacheLock = PackageCacheLock.Acquire();
        var feed = _temp.File("feed");
        var (packed, packOutput) = ChildProcess.Run("bash", [Path.Combine(RepoPaths.Root, "scripts", "pack.sh"), feed, "--no-build"], RepoPaths.Root);
        Assert.True(packed == 0, packOutput);
        var meta = Directory.GetFiles(feed, "Ml.Cnn.*.nupkg").Select(Path.GetFileNameWithoutExtension)
            .Single(name => char.IsDigit(name!["Ml.Cnn.".Length]))!;
        var version = meta["Ml.Cnn.".Length..];
        PackageCacheLock.ForgetCachedPackages(version);

        var app = Directory.CreateDirectory(_temp.File("app")).FullName;
        File.WriteAllText(Path.Combine(app, "App.csproj"), ProjectTemplate.Replace("VERSION", version, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(app, "Program.cs"), Program);
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="mlcnn" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        var (code, output) = ChildProcess.Run("dotnet", ["run", "-c", "Release", "--", RepoPaths.FashionMnist], app);

        Assert.True(code == 0, output);
        var line = output.Split('\n').Last(l => l.StartsWith("MicroAccuracy ", StringComparison.Ordinal));
        var accuracy = double.Parse(line["MicroAccuracy ".Length..], CultureInfo.InvariantCulture);
        Assert.True(accuracy > 0.5, line);
    }
}
