namespace Ml.Cnn.Transforms;

/// <summary>
/// Lists the files below a folder, following symbolic links to folders except where that would read a folder twice: a
/// link into a folder the walk is already inside (a cycle, such as <c>cat/loop -&gt; ..</c>) or into a folder it has
/// already read. Folders are told apart by device and inode number (<see cref="PathStatus"/>), so differently spelled
/// paths to one folder are caught too. Hidden files and folders (names starting with a dot) are not visited.
/// </summary>
internal static class FolderWalker
{
    /// <summary>The files below <paramref name="root"/> (not in order) and the number of links to folders not followed.</summary>
    /// <param name="root">The folder to list.</param>
    /// <param name="recursive">List subfolders too.</param>
    /// <param name="ancestors">Identities of folders above <paramref name="root"/> that count as "already inside" (e.g. the tree's root).</param>
    public static (List<string> Files, int LinksSkipped) List(string root, bool recursive, IEnumerable<PathStatus> ancestors)
    {
        var files = new List<string>();
        var visited = new HashSet<(ulong, ulong)>();
        var path = new HashSet<(ulong, ulong)>(ancestors.Select(Identity));
        var linksSkipped = 0;
        var start = PathStatus.Of(root);
        visited.Add(Identity(start));
        path.Add(Identity(start));
        Walk(root);
        return (files, linksSkipped);

        void Walk(string folder)
        {
            var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = false };
            files.AddRange(Directory.GetFiles(folder, "*", options));
            if (!recursive) return;
            foreach (var sub in Directory.GetDirectories(folder, "*", options))
            {
                PathStatus status;
                try
                {
                    status = PathStatus.Of(sub);
                }
                catch (CnnNativeException)
                {
                    linksSkipped++; // a link loop the C library itself refuses to resolve
                    continue;
                }
                var identity = Identity(status);
                if (path.Contains(identity) || !visited.Add(identity))
                {
                    linksSkipped++;
                    continue;
                }
                path.Add(identity);
                Walk(sub);
                path.Remove(identity);
            }
        }
    }

    /// <summary>The identity of a folder: its device and inode numbers.</summary>
    public static (ulong Device, ulong Inode) Identity(PathStatus status) => (status.Device, status.Inode);
}
