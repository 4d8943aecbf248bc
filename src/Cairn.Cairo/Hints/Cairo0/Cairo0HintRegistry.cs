namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>
/// Cairo 0 hints by their exact code string (cairo-vm.md §7.1): each string maps to a factory that
/// compiles the hint for its site once, at load time. An unknown string is an error naming it.
/// <see cref="Default"/> holds the common library's hints; custom hints are added with
/// <see cref="Register"/> on a copy.
/// </summary>
public sealed class Cairo0HintRegistry
{
    private readonly Dictionary<string, Func<Cairo0HintSite, IHint>> _factories;

    public Cairo0HintRegistry() => _factories = new Dictionary<string, Func<Cairo0HintSite, IHint>>(StringComparer.Ordinal);

    private Cairo0HintRegistry(Dictionary<string, Func<Cairo0HintSite, IHint>> factories) =>
        _factories = new Dictionary<string, Func<Cairo0HintSite, IHint>>(factories, StringComparer.Ordinal);

    /// <summary>The registry with every built-in hint.</summary>
    public static Cairo0HintRegistry Default { get; } = CreateDefault();

    /// <summary>Number of known code strings.</summary>
    public int Count => _factories.Count;

    /// <summary>A copy that can be extended without changing this registry.</summary>
    public Cairo0HintRegistry Clone() => new(_factories);

    /// <summary>Adds (or replaces) the implementation of the hint whose code is exactly <paramref name="code"/>.</summary>
    public void Register(string code, Func<Cairo0HintSite, IHint> factory) => _factories[code] = factory;

    /// <summary>
    /// Adds a hint whose body reads its <c>ids</c>: the site's references are compiled once into a
    /// <see cref="HintIds"/> when the hint is compiled.
    /// </summary>
    public void Register(string code, Action<HintContext, HintIds> body) =>
        _factories[code] = site =>
        {
            var ids = new HintIds(site);
            return new DelegateHint(c => body(c, ids));
        };

    /// <summary>All known code strings.</summary>
    public IEnumerable<string> Codes => _factories.Keys;

    /// <summary>Whether <paramref name="code"/> is known.</summary>
    public bool Contains(string code) => _factories.ContainsKey(code);

    /// <summary>Compiles the hint at <paramref name="site"/>; an unknown code string is a <see cref="HintException"/> that quotes it.</summary>
    public IHint Compile(Cairo0HintSite site)
    {
        if (!_factories.TryGetValue(site.Definition.Code, out var factory))
        {
            throw new HintException($"Unknown hint at pc {site.Definition.Pc}: {site.Definition.Code}");
        }
        return factory(site);
    }

    private static Cairo0HintRegistry CreateDefault()
    {
        var registry = new Cairo0HintRegistry();
        Cairo0Hints.RegisterAll(registry);
        return registry;
    }
}
