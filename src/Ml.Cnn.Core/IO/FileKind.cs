namespace Ml.Cnn;

/// <summary>What a path names, as <c>stat</c> / <c>lstat</c> report it (see <see cref="PathStatus"/>).</summary>
public enum FileKind
{
    /// <summary>Nothing exists at the path.</summary>
    Missing = 0,

    /// <summary>A regular file.</summary>
    Regular = 1,

    /// <summary>A folder.</summary>
    Directory = 2,

    /// <summary>A symbolic link (reported only when links are not followed).</summary>
    SymbolicLink = 3,

    /// <summary>A device node, FIFO or socket: never overwritten by <see cref="AtomicFile"/>.</summary>
    Other = 4,
}
