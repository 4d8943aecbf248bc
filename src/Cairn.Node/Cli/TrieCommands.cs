using System.CommandLine;
using System.Text;
using Cairn.Primitives;
using Cairn.Storage;
using Cairn.Trie;

namespace Cairn.Node.Cli;

/// <summary>
/// `cairn trie root` and `cairn trie proof`: build a Starknet Merkle-Patricia trie from KEY VALUE lines
/// on standard input (in memory) and print its root, or a proof in starknet_getStorageProof's node format.
/// </summary>
public static class TrieCommands
{
    public static Command Build()
    {
        var trie = new Command("trie", "Starknet binary Merkle-Patricia trie from 'KEY VALUE' lines on standard input");

        var height = new Option<int>("--height") { Description = "Trie height: 251 for state tries, 64 for block commitments", DefaultValueFactory = _ => 251 };
        var hash = new Option<string>("--hash") { Description = "Node hash: pedersen (contracts and storage tries) or poseidon (classes trie, commitments)", DefaultValueFactory = _ => "pedersen" };
        hash.AcceptOnlyFromAmong("pedersen", "poseidon");

        var root = new Command("root", "Print the root of the trie holding the KEY VALUE pairs read from standard input (a value of 0 is no leaf)") { height, hash };
        root.SetAction(parse => Run(parse, height, hash, null));
        trie.Subcommands.Add(root);

        var key = new Argument<string>("KEY") { Description = "The key to prove (present or absent)" };
        var proof = new Command("proof", "Print the proof of KEY in the trie read from standard input, as JSON "
            + "{\"root\", \"key\", \"value\", \"nodes\": [{\"node_hash\", \"node\": {left, right} | {child, path, length}}]}") { height, hash, key };
        proof.SetAction(parse => Run(parse, height, hash, key));
        trie.Subcommands.Add(proof);
        return trie;
    }

    private static int Run(ParseResult parse, Option<int> heightOption, Option<string> hashOption, Argument<string>? keyArgument)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        string name = keyArgument is null ? "trie root" : "trie proof";
        try
        {
            int height = parse.GetValue(heightOption);
            if (height is < 1 or > 251) throw new CliInputException("--height must be between 1 and 251");
            Felt? provedKey = keyArgument is null ? null : ParseKey(parse.GetValue(keyArgument)!, height, "KEY");
            var writes = ReadWrites(CliApp.Input, height);
            bool poseidon = parse.GetValue(hashOption) == "poseidon";
            output.WriteLine(poseidon
                ? Evaluate<PoseidonTrieHash>(height, writes, provedKey)
                : Evaluate<PedersenTrieHash>(height, writes, provedKey));
            return 0;
        }
        catch (CliInputException e)
        {
            error.WriteLine($"error: {name}: {e.Message}");
            return ValueCommand.ExitInputError;
        }
    }

    private static string Evaluate<THash>(int height, List<TrieWrite> writes, Felt? provedKey)
        where THash : struct, ITrieHash
    {
        using var store = new MemoryStore(["trie"]);
        var trie = new MerkleTrie<THash>(new TrieNodeStore(store, store.Columns[0]), height);
        TrieRoot root;
        using (var batch = store.CreateBatch())
        {
            root = trie.Update(TrieRoot.Empty, writes.ToArray(), batch, 1);
            store.Write(batch);
        }
        if (provedKey is not { } key) return root.Hash.ToString();
        var nodes = trie.GetProof(root, key);
        var value = trie.Get(root, key);
        var json = new StringBuilder();
        json.Append("{\"root\":\"").Append(root.Hash).Append("\",\"key\":\"").Append(key)
            .Append("\",\"value\":\"").Append(value).Append("\",\"nodes\":[");
        for (int i = 0; i < nodes.Count; i++)
        {
            var n = nodes[i];
            if (i > 0) json.Append(',');
            json.Append("{\"node_hash\":\"").Append(n.NodeHash).Append("\",\"node\":");
            if (n.Kind == ProofNodeKind.Binary)
                json.Append("{\"left\":\"").Append(n.Left).Append("\",\"right\":\"").Append(n.Right).Append("\"}}");
            else
                json.Append("{\"child\":\"").Append(n.Child).Append("\",\"path\":\"").Append(n.Path).Append("\",\"length\":").Append(n.Length).Append("}}");
        }
        return json.Append("]}").ToString();
    }

    private static List<TrieWrite> ReadWrites(TextReader input, int height)
    {
        var writes = new List<TrieWrite>();
        string? line;
        int number = 0;
        while ((line = input.ReadLine()) != null)
        {
            number++;
            var tokens = ValueCommand.Tokenize(line.Trim());
            if (tokens.Count == 0) continue;
            if (tokens.Count != 2) throw new CliInputException($"line {number}: expected 'KEY VALUE', got {tokens.Count} value(s)");
            var key = ParseKey(tokens[0], height, $"line {number}: key");
            var value = CliValues.ParseFelt(tokens[1], $"line {number}: value");
            writes.Add(new TrieWrite(key, value));
        }
        return writes;
    }

    private static Felt ParseKey(string text, int height, string what)
    {
        var key = CliValues.ParseFelt(text, what);
        if (height < 251 && key.BitLength > height) throw new CliInputException($"{what} {key} does not fit in {height} bits");
        if (height == 251 && key.BitLength > 251) throw new CliInputException($"{what} {key} is not below 2^251");
        return key;
    }
}
