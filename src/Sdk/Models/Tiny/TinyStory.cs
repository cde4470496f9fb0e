namespace Oprel.Models.Tiny;

/// <summary>
/// The original little story that the <c>tiny</c> model is a word bigram model of. Paragraphs are separated by a
/// blank line; words are made of ASCII letters and may be followed by one of <c>. , ! ?</c>.
/// </summary>
/// <remarks>
/// The text is written so that greedy decoding (always the most frequent next word, ties going to the pair seen
/// first) reads "Long ago a small red fox lived happily ever after!" and then ends, while sampling wanders through
/// the whole story and ends after a paragraph or so: every paragraph ends with the end-of-turn token.
/// </remarks>
internal static class TinyStory
{
    public const string Text = """
        Long ago a small red fox lived in a quiet forest at the edge of a green valley. The fox had soft fur, bright
        eyes and a long tail with a white tip. Every morning, the fox walked between the tall trees and listened to the
        birds singing in the branches. The forest was full of gentle sounds. Leaves whispered in the wind, water dripped
        from the moss, and little animals moved through the grass.

        One day, the fox found a narrow path that led down the hill to a wide river. The river was cold and clear, and
        the stones at the bottom shone like silver coins. The fox sat on a warm rock and watched the water run past. An
        old turtle swam slowly toward the bank and said hello. The turtle told the fox that the river began high in the
        mountains, where the snow melts in the spring, and that it travels all the way to the sea.

        Then the fox looked up and asked the turtle a question. Why is the sky blue? The turtle smiled and explained
        that sunlight is made of many colors. When the light from the sun passes through the air, it meets tiny pieces
        of gas. Blue light has short waves, so it scatters much more than red light. The scattered blue light spreads
        across the whole sky, and that is why we see a blue sky during the day. At sunset, the light must travel through
        more air, so most of the blue is scattered away and the sky turns orange and red.

        From that day on, the fox and the turtle were good friends. They met by the river every afternoon. Sometimes a
        small rabbit joined them, and sometimes a wise owl flew down from an old oak tree. The friends shared berries,
        told stories and laughed together until the stars came out.

        On a rainy afternoon, the friends hid under a big leaf and watched the drops fall. When the rain stopped, a
        rainbow appeared above the hills. The owl explained that each drop of water bends the sunlight and splits it
        into bands of color, from red to violet. The rabbit said it looked like a painted bridge across the sky. What a
        wonderful sight!

        At night, the forest changed. The moon rose over the trees, and its pale light fell on the path. The owl could
        see in the dark, so it guided the others home. Crickets sang in the grass, and far away a wolf called to the
        moon. The fox was not afraid, because its friends were near.

        During a summer storm, a baby bird fell from its nest. The fox heard a soft cry and found the bird shaking in
        the wet grass. Carefully, the fox carried it to the foot of the tree, and the owl flew up with it to the nest.
        The mother bird sang a happy song, and the whole forest seemed brighter.

        When winter came, the forest grew white and silent. Food was hard to find, and the rabbit was hungry and afraid.
        The fox remembered a hidden place under the roots of the oak where nuts and seeds were kept safe. The fox led
        the rabbit there, and the owl kept watch from above. Together they stayed warm and shared what they had. How
        good it is to have friends!

        In the spring, the snow melted and the river grew loud and fast. Flowers opened in the meadow, bees hummed in
        the sunshine, and the young birds learned to fly. One evening the owl told a story about a brave little fox who
        crossed the mountains to find the sea. The sea was wide and deep, and in the end the fox lived happily ever
        after!

        The old turtle often said that the world is full of questions, and every question is a door. A good friend helps
        you open it. The fox never forgot those words. Even now, when the evening light turns gold over the valley, you
        can see the small red fox sitting by the river, looking at the sky and wondering what it will learn tomorrow.
        And the small red fox lived happily ever after!
        """;
}
