using System.Text.Json;
using Cairn.State;

namespace Cairn.Rpc.Json;

/// <summary>Writes RPC <c>STATE_DIFF</c> (entries sorted by address and key, so output is deterministic) and state updates.</summary>
public static class StateDiffWriter
{
    public static void Write(Utf8JsonWriter w, StateDiff d, RpcStateUpdate? update = null, Func<Cairn.Primitives.Ids.ContractAddress, bool>? addressFilter = null)
    {
        w.WriteStartObject();
        w.WriteStartArray("storage_diffs");
        foreach (var (address, slots) in d.StorageDiffs.OrderBy(kv => kv.Key))
        {
            if (slots.Count == 0 || (addressFilter is not null && !addressFilter(address))) continue;
            w.WriteStartObject();
            w.WriteFelt("address", address.Value);
            w.WriteStartArray("storage_entries");
            foreach (var (key, value) in slots.OrderBy(kv => kv.Key))
            {
                w.WriteStartObject();
                w.WriteFelt("key", key.Value);
                w.WriteFelt("value", value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("deprecated_declared_classes");
        if (update is not null)
        {
            foreach (var c in update.DeprecatedDeclaredClasses) w.WriteFeltValue(c.Value);
        }
        w.WriteEndArray();
        w.WriteStartArray("declared_classes");
        foreach (var (classHash, compiled) in d.DeclaredClasses.OrderBy(kv => kv.Key))
        {
            w.WriteStartObject();
            w.WriteFelt("class_hash", classHash.Value);
            w.WriteFelt("compiled_class_hash", compiled.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("migrated_compiled_classes");
        if (update is not null)
        {
            foreach (var (classHash, compiled) in update.MigratedCompiledClasses)
            {
                w.WriteStartObject();
                w.WriteFelt("class_hash", classHash.Value);
                w.WriteFelt("compiled_class_hash", compiled.Value);
                w.WriteEndObject();
            }
        }
        w.WriteEndArray();
        w.WriteStartArray("deployed_contracts");
        foreach (var (address, classHash) in d.DeployedContracts.OrderBy(kv => kv.Key))
        {
            if (addressFilter is not null && !addressFilter(address)) continue;
            w.WriteStartObject();
            w.WriteFelt("address", address.Value);
            w.WriteFelt("class_hash", classHash.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("replaced_classes");
        foreach (var (address, classHash) in d.ReplacedClasses.OrderBy(kv => kv.Key))
        {
            if (addressFilter is not null && !addressFilter(address)) continue;
            w.WriteStartObject();
            w.WriteFelt("contract_address", address.Value);
            w.WriteFelt("class_hash", classHash.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("nonces");
        foreach (var (address, nonce) in d.Nonces.OrderBy(kv => kv.Key))
        {
            if (addressFilter is not null && !addressFilter(address)) continue;
            w.WriteStartObject();
            w.WriteFelt("contract_address", address.Value);
            w.WriteFelt("nonce", nonce.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// <c>STATE_UPDATE</c>, or <c>PRE_CONFIRMED_STATE_UPDATE</c> (no block hash, no new root) when the update has no hash.
    /// <paramref name="addressFilter"/> keeps only the requested contracts' entries (the <c>contract_addresses</c> param).
    /// </summary>
    public static void WriteUpdate(Utf8JsonWriter w, RpcStateUpdate u, Func<Cairn.Primitives.Ids.ContractAddress, bool>? addressFilter = null)
    {
        w.WriteStartObject();
        if (u.BlockHash is { } bh) w.WriteFelt("block_hash", bh);
        w.WriteFelt("old_root", u.OldRoot);
        if (u.BlockHash is not null && u.NewRoot is { } nr) w.WriteFelt("new_root", nr);
        w.WritePropertyName("state_diff");
        Write(w, u.StateDiff, u, addressFilter);
        w.WriteEndObject();
    }
}
