package dev.spectron.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The LoCoMo report as a picture: evidence recall@k curves per method (categories 1–4) on the
 * left, recall@10 per question category on the right.
 */
final class LocomoChart {
    private static final int W = 1100;
    private static final int H = 520;
    private static final int TOP = 60;
    private static final int BOTTOM = 80;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e),
        new Color(0x2ca02c), new Color(0x9467bd), new Color(0x8c564b)};
    private static final String[] CATEGORIES = {"1", "2", "3", "4", "1-4"};
    private static final String[] CATEGORY_NAMES = {"multi-hop", "temporal", "open-domain",
        "single-hop", "1–4"};

    private LocomoChart() {}

    @SuppressWarnings("unchecked")
    static void write(Map<String, Object> report, Path file) throws IOException {
        Map<String, Map<String, Map<String, Object>>> methods =
                (Map<String, Map<String, Map<String, Object>>>) report.get("methods");
        List<String> names = new ArrayList<>(methods.keySet());
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("LoCoMo evidence recall (" + report.get("data") + ", "
                + report.get("questions") + " questions)", 60, 28);

        // Left: recall@k, categories 1–4.
        int left = 60;
        int plotW = 440;
        int plotH = H - TOP - BOTTOM;
        axes(g, left, plotW, plotH, "recall@k, categories 1–4 (%)");
        int[] ks = LocomoMetrics.RECALL_AT;
        for (int m = 0; m < names.size(); m++) {
            Map<String, Object> row = methods.get(names.get(m)).get("1-4");
            if (row == null) {
                continue;
            }
            g.setColor(COLORS[m % COLORS.length]);
            g.setStroke(new BasicStroke(3f));
            int px = -1;
            int py = -1;
            for (int i = 0; i < ks.length; i++) {
                int x = left + i * plotW / (ks.length - 1);
                int y = y(number(row, "recall@" + ks[i]), plotH);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            g.drawString(names.get(m), left + 10 + m * 110, H - 20);
        }
        g.setColor(Color.DARK_GRAY);
        for (int i = 0; i < ks.length; i++) {
            g.drawString("k=" + ks[i], left + i * plotW / (ks.length - 1) - 12, TOP + plotH + 20);
        }

        // Right: recall@10 by category, grouped bars.
        int left2 = 600;
        int plotW2 = 470;
        axes(g, left2, plotW2, plotH, "recall@10 by category (%)");
        int group = plotW2 / CATEGORIES.length;
        int bar = Math.max(6, (group - 16) / Math.max(1, names.size()));
        for (int c = 0; c < CATEGORIES.length; c++) {
            for (int m = 0; m < names.size(); m++) {
                Map<String, Object> row = methods.get(names.get(m)).get(CATEGORIES[c]);
                if (row == null) {
                    continue;
                }
                int y = y(number(row, "recall@10"), plotH);
                int x = left2 + c * group + 8 + m * bar;
                g.setColor(COLORS[m % COLORS.length]);
                g.fillRect(x, y, bar - 2, TOP + plotH - y);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(CATEGORY_NAMES[c], left2 + c * group + 8, TOP + plotH + 20);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void axes(Graphics2D g, int left, int plotW, int plotH, String title) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.BLACK);
        g.drawString(title, left, TOP - 10);
        for (int i = 0; i <= 5; i++) {
            int y = TOP + plotH - i * plotH / 5;
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(left, y, left + plotW, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.valueOf(i * 20), left - 28, y + 4);
        }
    }

    private static int y(double percent, int plotH) {
        return TOP + plotH - (int) (percent / 100 * plotH);
    }

    private static double number(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).doubleValue();
    }
}
