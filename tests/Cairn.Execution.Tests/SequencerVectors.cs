using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Testing;

namespace Cairn.Execution.Tests;

/// <summary>
/// The mainnet transactions of <c>vectors/sequencer/transaction_hash.json</c> (serde-tagged starknet_api
/// form), rewritten into the JSON-RPC shape Cairn reads.
/// </summary>
public static class SequencerVectors
{
    public sealed record Entry(string Name, string ChainId, JsonObject RpcTransaction, string Hash, string QueryHash)
    {
        public override string ToString() => Name;
    }

    public static IReadOnlyList<Entry> Load()
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(ScureOracle.VectorsDir, "sequencer", "transaction_hash.json")))!.AsArray();
        var entries = new List<Entry>();
        int index = 0;
        foreach (var node in root)
        {
            var e = node!.AsObject();
            var tagged = e["transaction"]!.AsObject();
            var (kind, inner) = tagged.Single();
            var body = inner!.AsObject();
            string version;
            JsonObject tx;
            if (body.Count == 1 && body.Single().Key is ['V', _])
            {
                version = "0x" + body.Single().Key[1..];
                tx = body.Single().Value!.AsObject().DeepClone().AsObject();
            }
            else
            {
                tx = body.DeepClone().AsObject();
                version = tx["version"]!.GetValue<string>();
            }
            tx["type"] = kind switch
            {
                "Invoke" => "INVOKE",
                "Declare" => "DECLARE",
                "DeployAccount" => "DEPLOY_ACCOUNT",
                "L1Handler" => "L1_HANDLER",
                "Deploy" => "DEPLOY",
                _ => throw new InvalidDataException($"unknown transaction kind {kind}"),
            };
            tx["version"] = version;
            if (tx["resource_bounds"] is JsonObject rb)
            {
                var renamed = new JsonObject();
                foreach (var (k, v) in rb) renamed[k.ToLowerInvariant()] = v!.DeepClone();
                tx["resource_bounds"] = renamed;
            }
            string name = $"{index}:{kind}/{version}{(tx["proof_facts"] is JsonArray { Count: > 0 } ? "+proof_facts" : "")}";
            entries.Add(new Entry(name, e["chain_id"]!.GetValue<string>(), tx,
                e["transaction_hash"]!.GetValue<string>(), e["only_query_transaction_hash"]!.GetValue<string>()));
            index++;
        }
        return entries;
    }

    /// <summary>The entry's transaction with its version turned into the query version (2^128 + v).</summary>
    public static JsonObject AsQuery(JsonObject tx)
    {
        var copy = tx.DeepClone().AsObject();
        var v = Convert.ToInt32(copy["version"]!.GetValue<string>()[2..], 16);
        copy["version"] = "0x1" + v.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
        return copy;
    }

    public static string ToJson(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
