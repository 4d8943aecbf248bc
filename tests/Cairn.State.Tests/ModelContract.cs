using Cairn.Primitives;

namespace Cairn.State.Tests;

internal sealed class ModelContract
{
    public Felt ClassHash { get; set; }

    public Felt Nonce { get; set; }

    public Dictionary<Felt, Felt> Storage { get; } = [];

    public ModelContract Clone()
    {
        var clone = new ModelContract { ClassHash = ClassHash, Nonce = Nonce };
        foreach (var (key, value) in Storage)
        {
            clone.Storage[key] = value;
        }

        return clone;
    }
}
