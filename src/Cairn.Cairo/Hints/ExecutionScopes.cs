namespace Cairn.Cairo.Hints;

/// <summary>
/// The stack of hint variable scopes (cairo-vm.md §7.1): a run starts with one (main) scope;
/// <c>vm_enter_scope</c> pushes, <c>vm_exit_scope</c> pops, and a run must end with exactly one.
/// </summary>
public sealed class ExecutionScopes
{
    private readonly List<Dictionary<string, object?>> _stack = [new Dictionary<string, object?>()];

    /// <summary>Number of scopes on the stack (1 at start and, for a well-formed run, at the end).</summary>
    public int Depth => _stack.Count;

    /// <summary>The innermost scope's variables.</summary>
    public Dictionary<string, object?> Current => _stack[^1];

    /// <summary>Pushes a new scope holding <paramref name="variables"/> (none when null).</summary>
    public void Enter(Dictionary<string, object?>? variables = null) => _stack.Add(variables ?? []);

    /// <summary>Pops the innermost scope; the main scope cannot be exited.</summary>
    public void Exit()
    {
        if (_stack.Count == 1) throw new HintException("Cannot exit main scope.");
        _stack.RemoveAt(_stack.Count - 1);
    }

    /// <summary>Sets a variable in the innermost scope.</summary>
    public void Set(string name, object? value) => Current[name] = value;

    /// <summary>True and the value when the innermost scope defines <paramref name="name"/>.</summary>
    public bool TryGet<T>(string name, out T value)
    {
        if (Current.TryGetValue(name, out var v) && v is T t)
        {
            value = t;
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>The variable of the innermost scope; a clear error when it is missing or of another type.</summary>
    public T Get<T>(string name)
    {
        if (!Current.TryGetValue(name, out var v)) throw new HintException($"Variable {name} not present in current execution scope");
        if (v is T t) return t;
        throw new HintException($"Variable {name} in the current execution scope is a {v?.GetType().Name ?? "null"}, expected {typeof(T).Name}");
    }
}
