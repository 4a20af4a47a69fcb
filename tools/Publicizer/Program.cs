using Mono.Cecil;

// Usage: Publicizer INPUT.dll OUTPUT.dll [REFERENCE-FOLDER ...]
// The folders are searched for the assemblies INPUT references. Makes every internal type and every internal (assembly) member of INPUT public and writes OUTPUT. The result is only a
// reference for the C# compiler; at run time the real assembly is loaded and IgnoresAccessChecksTo grants the access.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Publicizer INPUT.dll OUTPUT.dll [REFERENCE-FOLDER ...]");
    return 2;
}
using var resolver = new DefaultAssemblyResolver();
foreach (var folder in args.Skip(2).Append(Path.GetDirectoryName(Path.GetFullPath(args[0]))!).Distinct()) resolver.AddSearchDirectory(folder);
using var module = ModuleDefinition.ReadModule(args[0], new ReaderParameters { AssemblyResolver = resolver });
var count = 0;
foreach (var type in module.GetTypes())
{
    if (type.IsNested ? type.IsNestedAssembly || type.IsNestedFamilyOrAssembly : type.IsNotPublic)
    {
        if (type.IsNested) type.IsNestedPublic = true;
        else type.IsPublic = true;
        count++;
    }
    foreach (var method in type.Methods.Where(m => m.IsAssembly || m.IsFamilyOrAssembly))
    {
        method.IsPublic = true;
        count++;
    }
    foreach (var field in type.Fields.Where(f => f.IsAssembly || f.IsFamilyOrAssembly))
    {
        field.IsPublic = true;
        count++;
    }
}
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[1]))!);
var temporary = args[1] + ".tmp";
module.Write(temporary);
File.Move(temporary, args[1], overwrite: true);
Console.WriteLine($"Publicizer: {count} types and members of {module.Name} made public in {args[1]}");
return 0;
