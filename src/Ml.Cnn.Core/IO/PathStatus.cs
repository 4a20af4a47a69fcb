using Ml.Cnn.Native;

namespace Ml.Cnn;

/// <summary>
/// The kind, identity (device and inode numbers) and permission bits of a path, from the C library's <c>stat</c> or
/// <c>lstat</c> through libmlcnn. Two paths with the same <see cref="Device"/> and <see cref="Inode"/> are the same file
/// or folder, which is how folder walks detect that a symbolic link leads back into a folder they are already inside.
/// </summary>
/// <param name="Kind">What the path names.</param>
/// <param name="Device">The device (file system) holding it; 0 when missing.</param>
/// <param name="Inode">Its inode number on that device; 0 when missing.</param>
/// <param name="Mode">Its permission bits (<c>st_mode &amp; 07777</c>); 0 when missing.</param>
public readonly record struct PathStatus(FileKind Kind, ulong Device, ulong Inode, UnixFileMode Mode)
{
    /// <summary>True for a file whose owner has no write permission (e.g. after <c>chmod a-w</c>).</summary>
    public bool IsWriteProtected => Kind == FileKind.Regular && (Mode & UnixFileMode.UserWrite) == 0;

    /// <summary>The status of what <paramref name="path"/> names, following symbolic links.</summary>
    /// <param name="path">Any path.</param>
    /// <exception cref="CnnNativeException">The status cannot be read (a link loop, a folder on the way that cannot be searched).</exception>
    public static PathStatus Of(string path) => Read(path, follow: true);

    /// <summary>The status of <paramref name="path"/> itself: a symbolic link is reported as <see cref="FileKind.SymbolicLink"/>.</summary>
    /// <param name="path">Any path.</param>
    /// <exception cref="CnnNativeException">The status cannot be read (a folder on the way that cannot be searched).</exception>
    public static PathStatus OfLink(string path) => Read(path, follow: false);

    private static PathStatus Read(string path, bool follow)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        NativeCheck.Check(NativeMethods.FileStat(path, follow ? 1 : 0, out var kind, out var device, out var inode, out var mode),
            $"reading the status of '{path}'");
        return new PathStatus((FileKind)kind, device, inode, (UnixFileMode)mode);
    }
}
