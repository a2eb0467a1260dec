package io.dwpilot.models.ml.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.kmeans.KMeansModel;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Lloyd's k-means with k-means++ seeding, by Tribuo, on points given as rows; returns the centroids. */
final class TribuoKMeans {
    private static final int ITERATIONS = 100;
    private static final String PREFIX = "f";
    /**
     * Tribuo logs every Lloyd iteration at INFO, a dozen lines per fit and k; only its warnings are news. Held in a
     * field because java.util.logging keeps loggers weakly and would forget the level.
     */
    private static final Logger TRIBUO_LOG = Logger.getLogger(KMeansTrainer.class.getName());

    static {
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    private TribuoKMeans() {}

    static double[][] centroids(double[][] points, int k, long seed) {
        int d = points[0].length;
        String[] names = new String[d];
        for (int j = 0; j < d; j++) {
            names[j] = PREFIX + j;
        }
        ClusteringFactory factory = new ClusteringFactory();
        MutableDataset<ClusterID> dataset =
                new MutableDataset<>(new SimpleDataSourceProvenance("query profiles", factory), factory);
        for (double[] point : points) {
            dataset.add(new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names, point));
        }
        KMeansTrainer trainer =
                new KMeansTrainer(k, ITERATIONS, new L2Distance(), KMeansTrainer.Initialisation.PLUSPLUS, 1, seed);
        KMeansModel model = trainer.train(dataset);
        // Tribuo orders features by its own feature map, so read the centroids back by name
        List<double[]> centroids = new ArrayList<>();
        for (List<Feature> centroid : model.getCentroids()) {
            double[] c = new double[d];
            for (Feature f : centroid) {
                c[Integer.parseInt(f.getName().substring(PREFIX.length()))] = f.getValue();
            }
            centroids.add(c);
        }
        return centroids.toArray(double[][]::new);
    }
}
