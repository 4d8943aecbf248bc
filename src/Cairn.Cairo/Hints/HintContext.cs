using Cairn.Cairo.Builtins;
using Cairn.Cairo.Memory;
using Cairn.Cairo.Vm;

namespace Cairn.Cairo.Hints;

/// <summary>
/// What a hint sees (cairo-vm.md §7.1): the VM (registers, memory, segments), the execution
/// scopes, the builtin runners by name, the syscall handler (Cairo 1 Starknet hints) and typed
/// per-run state that hint families keep between hints (dict managers, squash state, …).
/// </summary>
public sealed class HintContext
{
    private readonly Dictionary<Type, object> _state = [];

    public HintContext(VirtualMachine vm, IReadOnlyList<BuiltinRunner>? builtins = null)
    {
        Vm = vm;
        Builtins = builtins ?? [];
    }

    public VirtualMachine Vm { get; }

    public VmMemory Memory => Vm.Memory;

    public Relocatable Ap => Vm.Ap;

    public Relocatable Fp => Vm.Fp;

    public Relocatable Pc => Vm.Pc;

    public ExecutionScopes Scopes { get; } = new();

    /// <summary>The run's builtin runners.</summary>
    public IReadOnlyList<BuiltinRunner> Builtins { get; set; }

    /// <summary>Handles Cairo 1 <c>SystemCall</c> hints (null: syscalls are an error).</summary>
    public ISyscallHintHandler? SyscallHandler { get; set; }

    /// <summary>Where debug hints (<c>DebugPrint</c>, <c>PRINT_FELT</c>, …) write; null discards.</summary>
    public TextWriter? DebugOutput { get; set; }

    /// <summary>Whether hints may create temporary segments (Cairo 1 dicts; the sequencer runs without).</summary>
    public bool AllowTemporarySegments { get; set; }

    /// <summary>The builtin runner named <paramref name="name"/> (e.g. "ecdsa"), or null.</summary>
    public BuiltinRunner? FindBuiltin(string name)
    {
        foreach (var b in Builtins)
        {
            if (b.Name == name) return b;
        }
        return null;
    }

    /// <summary>Per-run state of type <typeparamref name="T"/>, created on first use.</summary>
    public T GetState<T>() where T : class, new()
    {
        if (_state.TryGetValue(typeof(T), out var s)) return (T)s;
        var created = new T();
        _state[typeof(T)] = created;
        return created;
    }
}
