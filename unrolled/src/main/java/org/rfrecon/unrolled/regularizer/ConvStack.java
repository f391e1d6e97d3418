package org.rfrecon.unrolled.regularizer;

/**
 * The layers of a regularizer's CNN: {@code depth} bias-free 3x3 convolutions (3x3x3 for volumes)
 * of {@code width} hidden channels with ReLUs between them, dilated or not ({@link
 * ResidualCnn#dilation}).
 *
 * @param depth convolution layers (at least 2)
 * @param width hidden channels
 * @param volume 3D convolutions for (N3, N2, N1) scenes
 * @param dilated layer {@code l} dilated by {@link ResidualCnn#dilation}{@code (l, depth)}
 */
public record ConvStack(int depth, int width, boolean volume, boolean dilated) {

    /** Validates. */
    public ConvStack {
        if (depth < 2 || width < 1) {
            throw new IllegalArgumentException(
                    "a CNN needs depth >= 2 and width >= 1, got " + depth + " and " + width);
        }
    }
}
