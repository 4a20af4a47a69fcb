using System.Text;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Core.Tests.IO;

/// <summary>
/// The one atomic writer: unique temporary files (concurrent writers, last one wins, never zero files), symbolic links
/// followed, folders and device nodes refused, write-protected files respected unless overwriting them is asked for, and
/// the check before long work.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class AtomicFileTests
{
    /// <summary>Hidden files too: temporary files start with a dot.</summary>
    private static readonly EnumerationOptions AllFiles = new() { AttributesToSkip = 0 };

    [Fact]
    public void Writes_the_content_and_leaves_no_temporary_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.bin");
        AtomicFile.WriteAllText(path, "first", "model");
        AtomicFile.WriteAllText(path, "second", "model");
        Assert.Equal("second", File.ReadAllText(path));
        Assert.Equal(["model.bin"], Directory.GetFiles(folder.Path, "*", AllFiles).Select(Path.GetFileName));
    }

    [Fact]
    public void Two_concurrent_writers_of_one_path_leave_one_complete_file_of_either()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.bin");
        var contents = new[] { new string('a', 200_000), new string('b', 300_000) };
        var failures = 0;
        Parallel.For(0, 2, writer =>
        {
            for (var i = 0; i < 40; i++)
            {
                try
                {
                    AtomicFile.WriteAllText(path, contents[writer], "model");
                }
                catch (IOException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });
        Assert.Equal(0, failures);
        Assert.Contains(File.ReadAllText(path), contents);
        Assert.Equal(["model.bin"], Directory.GetFiles(folder.Path, "*", AllFiles).Select(Path.GetFileName));
    }

    [Fact]
    public void A_symbolic_link_is_followed_and_its_target_written()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("real"));
        var target = Path.Combine(folder.File("real"), "model.bin");
        File.WriteAllText(target, "old");
        var link = folder.File("link.bin");
        File.CreateSymbolicLink(link, Path.Combine("real", "model.bin"));
        AtomicFile.WriteAllText(link, "new", "model");
        Assert.Equal("new", File.ReadAllText(target));
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal(FileKind.SymbolicLink, PathStatus.OfLink(link).Kind);
    }

    [Fact]
    public void A_dangling_symbolic_link_creates_its_target()
    {
        using var folder = new TempFolder();
        var link = folder.File("link.bin");
        File.CreateSymbolicLink(link, folder.File("missing.bin"));
        AtomicFile.WriteAllText(link, "new", "model");
        Assert.Equal("new", File.ReadAllText(folder.File("missing.bin")));
        Assert.Equal(FileKind.SymbolicLink, PathStatus.OfLink(link).Kind);
    }

    [Fact]
    public void A_folder_is_refused_and_left_alone()
    {
        using var folder = new TempFolder();
        var path = folder.File("out");
        Directory.CreateDirectory(path);
        var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(path, "x", "model"));
        Assert.Contains("a folder has that name", e.Message);
        Assert.True(Directory.Exists(path));
        Assert.Throws<IOException>(() => AtomicFile.CheckWritable(path, "model"));
    }

    [Fact]
    public void A_device_node_is_refused_and_left_alone()
    {
        Assert.Equal(FileKind.Other, PathStatus.Of("/dev/null").Kind);
        var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllText("/dev/null", "x", "model"));
        Assert.Contains("device node, FIFO or socket", e.Message);
        Assert.Equal(FileKind.Other, PathStatus.Of("/dev/null").Kind);
        Assert.Throws<IOException>(() => AtomicFile.CheckWritable("/dev/null", "model"));
    }

    [Fact]
    public void A_link_to_a_device_node_is_refused()
    {
        using var folder = new TempFolder();
        var link = folder.File("null.bin");
        File.CreateSymbolicLink(link, "/dev/null");
        var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(link, "x", "model"));
        Assert.Contains("a link to '/dev/null'", e.Message);
    }

    [Fact]
    public void A_write_protected_file_is_kept_unless_overwriting_is_asked_for()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.bin");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead);
        var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(path, "new", "model"));
        Assert.Contains("write-protected", e.Message);
        Assert.Throws<IOException>(() => AtomicFile.CheckWritable(path, "model"));
        Assert.Equal("old", File.ReadAllText(path));
        AtomicFile.CheckWritable(path, "model", overwriteReadOnly: true);
        AtomicFile.WriteAllText(path, "new", "model", overwriteReadOnly: true);
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
    }

    [Fact]
    public void A_replaced_file_keeps_its_permissions()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.bin");
        File.WriteAllText(path, "old");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        File.SetUnixFileMode(path, mode);
        AtomicFile.WriteAllText(path, "new", "model");
        Assert.Equal(mode, File.GetUnixFileMode(path));
    }

    [Fact]
    public void A_missing_folder_or_a_file_in_the_way_fails_the_check_naming_the_path()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.CheckWritable(folder.File("no/model.bin"), "model"));
        Assert.Contains("does not exist", e.Message);
        File.WriteAllText(folder.File("plain"), "x");
        Assert.ThrowsAny<IOException>(() => AtomicFile.CheckWritable(folder.File("plain/model.bin"), "model"));
    }

    [Fact]
    public void The_check_changes_nothing_and_returns_the_file_to_write()
    {
        using var folder = new TempFolder();
        var link = folder.File("link.bin");
        File.CreateSymbolicLink(link, folder.File("real.bin"));
        Assert.Equal(folder.File("real.bin"), AtomicFile.CheckWritable(link, "model"));
        Assert.Equal(["link.bin"], Directory.GetFileSystemEntries(folder.Path, "*", AllFiles).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failing_writer_leaves_the_previous_file_and_no_temporary_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.bin");
        File.WriteAllText(path, "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, "model", stream =>
        {
            stream.Write(Encoding.UTF8.GetBytes("half"));
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["model.bin"], Directory.GetFiles(folder.Path, "*", AllFiles).Select(Path.GetFileName));
    }
    [Fact]
    public void Temporary_files_of_killed_writers_are_deleted_by_the_next_save_and_live_ones_kept()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.bin");
        var orphan = folder.File(".model.bin.4194305.0123456789abcdef0123456789abcdef.tmp"); // above Linux's highest PID: its writer is gone
        var live = folder.File($".model.bin.{Environment.ProcessId}.0123456789abcdef0123456789abcdef.tmp");
        var other = folder.File(".other.bin.4194305.0123456789abcdef0123456789abcdef.tmp");
        foreach (var file in new[] { orphan, live, other }) File.WriteAllText(file, "half");

        AtomicFile.WriteAllText(path, "new", "model");

        Assert.False(File.Exists(orphan));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(other));
    }
}
