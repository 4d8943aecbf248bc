using System.Numerics;
using Cairn.Cairo.Builtins;
using Cairn.Cairo.Hints;
using Cairn.Cairo.Hints.Cairo0;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Programs;
using Cairn.Cairo.Vm;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests.Hints.Cairo0;

/// <summary>
/// Builds a one-hint program (references, constants, structs), a VM with an execution segment
/// (fp = 1:30, ap = 1:60) and a range_check builtin, and runs hints against it.
/// </summary>
internal sealed class HintTester
{
    public const string Scope = "__main__.main";

    private readonly List<ProgramReference> _references = [];
    private readonly Dictionary<string, int> _referenceIds = [];
    private readonly Dictionary<string, ProgramIdentifier> _identifiers = [];

    public HintTester(bool withRangeCheck = true)
    {
        Vm = new VirtualMachine();
        Memory.AddSegment(); // program
        Execution = Memory.AddSegment();
        var builtins = new List<BuiltinRunner>();
        if (withRangeCheck)
        {
            RangeCheck = new RangeCheckBuiltinRunner();
            RangeCheck.InitializeSegments(Memory);
            builtins.Add(RangeCheck);
        }
        Vm.Fp = Execution.Add(30);
        Vm.Ap = Execution.Add(60);
        Context = new HintContext(Vm, builtins);
    }

    public VirtualMachine Vm { get; }

    public VmMemory Memory => Vm.Memory;

    public HintContext Context { get; }

    public Relocatable Execution { get; }

    public RangeCheckBuiltinRunner? RangeCheck { get; }

    public Relocatable Fp => Vm.Fp;

    public Relocatable Ap => Vm.Ap;

    /// <summary>The hint's ap tracking (references default to the same group and offset).</summary>
    public ApTracking HintAp { get; set; } = new(0, 0);

    public HintTester Ref(string name, string value, int group = 0, int offset = 0)
    {
        _referenceIds[Scope + "." + name] = _references.Count;
        _references.Add(new ProgramReference(0, value, new ApTracking(group, offset)));
        return this;
    }

    /// <summary><c>ids.name</c> stored at fp + <paramref name="fpOffset"/> (type felt), with an optional value.</summary>
    public HintTester Felt(string name, int fpOffset, BigInteger? value = null)
    {
        Ref(name, $"[cast(fp + {Off(fpOffset)}, felt*)]");
        if (value is { } v) Memory.Insert(Fp.Add(fpOffset), Primitives.Felt.FromBigIntegerReduced(v));
        return this;
    }

    /// <summary><c>ids.name</c> of struct type <paramref name="type"/> stored at fp + <paramref name="fpOffset"/>.</summary>
    public HintTester StructRef(string name, string type, int fpOffset) => Ref(name, $"[cast(fp + {Off(fpOffset)}, {type}*)]");

    /// <summary><c>ids.name</c>, a pointer of type <paramref name="type"/> stored at fp + <paramref name="fpOffset"/>.</summary>
    public HintTester PointerRef(string name, string type, int fpOffset, Relocatable? value = null)
    {
        Ref(name, $"[cast(fp + {Off(fpOffset)}, {type}*)]");
        if (value is { } v) Memory.Insert(Fp.Add(fpOffset), v);
        return this;
    }

    public HintTester Const(string name, BigInteger value, string scope = Scope)
    {
        _identifiers[scope + "." + name] = new ProgramIdentifier(scope + "." + name, "const", null, Primitives.Felt.FromBigIntegerReduced(value), null);
        return this;
    }

    public HintTester Alias(string fullName, string destination)
    {
        _identifiers[fullName] = new ProgramIdentifier(fullName, "alias", null, null, destination);
        return this;
    }

    public HintTester Struct(string fullName, params (string Name, string Type, int Offset)[] members)
    {
        _identifiers[fullName] = new ProgramIdentifier(fullName, "struct", null, null, null)
        {
            Members = members.ToDictionary(m => m.Name, m => new StructMember(m.Type, m.Offset)),
            Size = members.Length,
        };
        return this;
    }

    public HintTester Uint256Struct() => Struct(Uint256, ("low", "felt", 0), ("high", "felt", 1));

    public const string Uint256 = "starkware.cairo.common.uint256.Uint256";

    public CairoProgram BuildProgram(string code) =>
        new(
            [Primitives.Felt.Zero],
            hints: new Dictionary<int, IReadOnlyList<HintDefinition>>
            {
                [0] = [new HintDefinition(0, code, ["__main__", Scope], HintAp, new Dictionary<string, int>(_referenceIds))],
            },
            identifiers: new Dictionary<string, ProgramIdentifier>(_identifiers),
            references: [.. _references]);

    public IHint Compile(string code)
    {
        var program = BuildProgram(code);
        return Cairo0HintRegistry.Default.Compile(new Cairo0HintSite(program.Hints[0][0], program));
    }

    public void Run(string code) => Compile(code).Execute(Context);

    /// <summary>The <c>ids</c> of a hint site with the references and identifiers defined so far.</summary>
    public HintIds Ids()
    {
        var program = BuildProgram("pass");
        return new HintIds(new Cairo0HintSite(program.Hints[0][0], program));
    }

    public HintException Fails(string code) => Assert.Throws<HintException>(() => Run(code));

    public Felt FeltAt(Relocatable address) => Memory.GetFelt(address);

    public BigInteger IntAt(Relocatable address) => Memory.GetFelt(address).ToBigInteger();

    public void Set(Relocatable address, BigInteger value) => Memory.Insert(address, Primitives.Felt.FromBigIntegerReduced(value));

    public void Set(Relocatable address, Relocatable value) => Memory.Insert(address, value);

    private static string Off(int o) => o < 0 ? $"({o})" : o.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
