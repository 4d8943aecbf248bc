using System.Collections.Concurrent;
using System.Numerics;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Programs;
using Cairn.Primitives;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>
/// The <c>ids</c> of one Cairo 0 hint site (cairo-vm.md §6.2): its references (parsed once, at
/// compile time) and the program's constants and structs as seen from the hint's accessible scopes.
/// Paths may name struct members: <c>res.low</c>, <c>dict_ptr.prev_value</c> (a pointer to a struct
/// is followed).
/// </summary>
public sealed class HintIds
{
    private readonly Dictionary<string, HintReference> _references = new(StringComparer.Ordinal);
    private readonly CairoProgram _program;
    private readonly IReadOnlyList<string> _scopes;
    private readonly ConcurrentDictionary<string, Felt> _constCache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _structSizes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CompiledPath> _paths = new(StringComparer.Ordinal);

    public HintIds(Cairo0HintSite site)
    {
        _program = site.Program;
        _scopes = site.Definition.AccessibleScopes;
        foreach (var (fullName, index) in site.Definition.ReferenceIds)
        {
            if ((uint)index >= (uint)site.Program.References.Count) continue;
            int dot = fullName.LastIndexOf('.');
            string name = dot < 0 ? fullName : fullName[(dot + 1)..];
            // Two references with one short name: the one of the innermost accessible scope wins.
            if (_references.ContainsKey(name) && !(_scopes.Count > 0 && fullName == _scopes[^1] + "." + name)) continue;
            _references[name] = HintReference.Create(name, site.Program.References[index], site.Definition.ApTracking);
        }
    }

    /// <summary>Whether the hint can see a variable called <paramref name="name"/>.</summary>
    public bool Contains(string name) => _references.ContainsKey(name);

    /// <summary>The compiled reference of <paramref name="name"/>.</summary>
    public HintReference GetReference(string name) =>
        _references.TryGetValue(name, out var r) ? r : throw new HintException($"Unknown identifier {name} in the hint's ids");

    // ---- reading -----------------------------------------------------------------------------

    /// <summary>The value of <c>ids.path</c>.</summary>
    public MaybeRelocatable Get(HintContext context, string path)
    {
        var at = Locate(context, path);
        if (at.Cell is { } cell)
        {
            if (!context.Memory.TryGet(cell, out var v)) throw new HintException($"ids.{path}: unknown value for memory cell at address {cell}");
            return v;
        }
        return at.Value;
    }

    /// <summary><c>ids.path</c>, which must be a felt.</summary>
    public Felt GetFelt(HintContext context, string path)
    {
        var v = Get(context, path);
        if (!v.IsFelt) throw new HintException($"ids.{path} is {v}, expected a felt");
        return v.Felt;
    }

    /// <summary><c>ids.path</c> as Python sees it: an integer in [0, P).</summary>
    public BigInteger GetInt(HintContext context, string path) => GetFelt(context, path).ToBigInteger();

    /// <summary><c>ids.path</c>, which must be an address.</summary>
    public Relocatable GetRelocatable(HintContext context, string path)
    {
        var v = Get(context, path);
        if (!v.IsRelocatable) throw new HintException($"ids.{path} is {v}, expected an address");
        return v.Relocatable;
    }

    /// <summary>The address of the cell holding <c>ids.path</c> (the variable must live in memory).</summary>
    public Relocatable GetAddress(HintContext context, string path) =>
        Locate(context, path).Cell ?? throw new HintException($"ids.{path} is not stored in a memory cell");

    /// <summary>
    /// <c>ids.path.address_</c>: the address of the struct <c>ids.path</c>; when it is a pointer, the
    /// pointer's value.
    /// </summary>
    public Relocatable GetStructAddress(HintContext context, string path)
    {
        var at = Locate(context, path);
        if (at.Type.EndsWith('*') || at.Cell is null)
        {
            var v = at.Cell is { } cell ? context.Memory.Get(cell) : at.Value;
            if (!v.IsRelocatable) throw new HintException($"ids.{path} is {v}, expected an address");
            return v.Relocatable;
        }
        return at.Cell.Value;
    }

    // ---- writing -----------------------------------------------------------------------------

    /// <summary><c>ids.path = value</c> (write-once).</summary>
    public void Set(HintContext context, string path, MaybeRelocatable value) => context.Memory.Insert(GetAddress(context, path), value);

    /// <summary><c>ids.path = value</c> for a Python integer (reduced modulo P).</summary>
    public void Set(HintContext context, string path, BigInteger value) => Set(context, path, Felt.FromBigIntegerReduced(value));

    public void Set(HintContext context, string path, Felt value) => Set(context, path, new MaybeRelocatable(value));

    public void Set(HintContext context, string path, Relocatable value) => Set(context, path, new MaybeRelocatable(value));

    public void Set(HintContext context, string path, ulong value) => Set(context, path, Felt.FromUInt64(value));

    // ---- constants and structs ----------------------------------------------------------------

    /// <summary>
    /// The constant <paramref name="name"/> (e.g. <c>SHIFT</c>, <c>MAX_HIGH</c>), resolved from the
    /// innermost accessible scope outwards, aliases followed; <c>T.SIZE</c> is a struct's size.
    /// </summary>
    public Felt GetConst(string name)
    {
        if (_constCache.TryGetValue(name, out var cached)) return cached;
        Felt value;
        if (TryResolve(name, out var id) && id.Type == "const" && id.Value is { } v)
        {
            value = v;
        }
        else if (name.EndsWith(".SIZE", StringComparison.Ordinal) && TryResolve(name[..^5], out var s) && s.Type == "struct" && s.Size is { } size)
        {
            value = Felt.FromUInt64((ulong)size);
        }
        else
        {
            throw new HintException($"Missing constant {name} (accessible scopes: {string.Join(", ", _scopes)})");
        }
        _constCache[name] = value;
        return value;
    }

    /// <summary>The constant as a Python integer in [0, P).</summary>
    public BigInteger GetConstInt(string name) => GetConst(name).ToBigInteger();

    /// <summary>The size of the struct <paramref name="name"/> as seen from the hint's scopes (<c>ids.DictAccess.SIZE</c>).</summary>
    public int GetStructSize(string name)
    {
        if (_structSizes.TryGetValue(name, out int size)) return size;
        size = (int)GetConst(name + ".SIZE").ToUInt64();
        _structSizes[name] = size;
        return size;
    }

    /// <summary>Resolves a (possibly dotted) name from the accessible scopes, innermost first.</summary>
    private bool TryResolve(string name, out ProgramIdentifier identifier)
    {
        for (int i = _scopes.Count - 1; i >= 0; i--)
        {
            if (TryResolveFull(_scopes[i] + "." + name, out identifier)) return true;
        }
        return TryResolveFull(name, out identifier);
    }

    /// <summary>Resolves a full name, following aliases on any prefix of it.</summary>
    private bool TryResolveFull(string fullName, out ProgramIdentifier identifier)
    {
        for (int depth = 0; depth < 64; depth++)
        {
            if (_program.Identifiers.TryGetValue(fullName, out var id))
            {
                if (id.Type == "alias" && id.Destination is { } dest)
                {
                    fullName = dest;
                    continue;
                }
                identifier = id;
                return true;
            }
            // An alias on a prefix: a.b.c where a.b is an alias.
            bool replaced = false;
            for (int dot = fullName.LastIndexOf('.'); dot > 0; dot = fullName.LastIndexOf('.', dot - 1))
            {
                if (_program.Identifiers.TryGetValue(fullName[..dot], out var prefix) && prefix.Type == "alias" && prefix.Destination is { } pd)
                {
                    fullName = pd + fullName[dot..];
                    replaced = true;
                    break;
                }
            }
            if (!replaced) break;
        }
        identifier = null!;
        return false;
    }

    private StructMember GetMember(string structType, string member, string path)
    {
        if (!TryResolveFull(structType, out var s) || s.Members is null)
        {
            throw new HintException($"ids.{path}: {structType} is not a struct of the program");
        }
        return s.Members.TryGetValue(member, out var m) ? m : throw new HintException($"ids.{path}: struct {structType} has no member {member}");
    }

    /// <summary>Where <c>ids.path</c> is: a memory cell (<see cref="Location.Cell"/>) or a computed value, and its type.</summary>
    private Location Locate(HintContext context, string path)
    {
        var compiled = _paths.TryGetValue(path, out var cached) ? cached : _paths.GetOrAdd(path, CompilePath);
        var reference = compiled.Reference;
        var baseValue = reference.EvaluateBase(context);
        Location at;
        if (reference.IsCell)
        {
            if (!baseValue.IsRelocatable) throw new HintException($"ids.{reference.Name}: the reference's address {baseValue} is not an address");
            at = new Location(baseValue.Relocatable, default, reference.CairoType);
        }
        else
        {
            at = new Location(null, baseValue, reference.CairoType);
        }
        foreach (var step in compiled.Steps)
        {
            Relocatable structBase;
            if (step.ThroughPointer)
            {
                var ptr = at.Cell is { } cell ? context.Memory.Get(cell) : at.Value;
                if (!ptr.IsRelocatable) throw new HintException($"ids.{path}: {ptr} is not a pointer");
                structBase = ptr.Relocatable;
            }
            else
            {
                structBase = at.Cell ?? throw new HintException($"ids.{path}: a struct value not stored in memory has no members");
            }
            at = new Location(structBase.Add(step.Offset), default, step.Type);
        }
        return at;
    }

    /// <summary>
    /// Resolves a path's member chain once (the types are static): for each member, whether the
    /// struct is reached through a pointer, the member's offset and its type. Unknown names throw
    /// (and are not cached).
    /// </summary>
    private CompiledPath CompilePath(string path)
    {
        int dot = path.IndexOf('.');
        var reference = GetReference(dot < 0 ? path : path[..dot]);
        var steps = new List<MemberStep>();
        string type = reference.CairoType;
        while (dot >= 0)
        {
            int next = path.IndexOf('.', dot + 1);
            string member = next < 0 ? path[(dot + 1)..] : path[(dot + 1)..next];
            bool throughPointer = type.EndsWith('*');
            string structType = throughPointer ? type[..^1].TrimEnd() : type;
            var m = GetMember(structType, member, path);
            steps.Add(new MemberStep(throughPointer, m.Offset, m.CairoType));
            type = m.CairoType;
            dot = next;
        }
        return new CompiledPath(reference, [.. steps]);
    }

    private sealed record CompiledPath(HintReference Reference, MemberStep[] Steps);

    private readonly record struct MemberStep(bool ThroughPointer, int Offset, string Type);

    private readonly record struct Location(Relocatable? Cell, MaybeRelocatable Value, string Type);
}
