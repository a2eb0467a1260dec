package io.dwpilot.simulator.retail;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The product catalog as a pure function of the product id: every batch, whatever its seed, sees the same product
 * under the same id, so sales appended later price existing products exactly as the first load did.
 */
final class ProductCatalog {
    record Category(String name, List<String> subcategories, double minPrice, double maxPrice) {}

    record Product(
            long id,
            String name,
            Category category,
            String subcategory,
            String brand,
            BigDecimal price,
            BigDecimal cost,
            int supplierId,
            LocalDate launchedOn) {}

    static final List<Category> CATEGORIES = List.of(
            new Category("Electronics", List.of("Phones", "Laptops", "Audio", "Cameras", "Accessories"), 15, 2400),
            new Category("Home", List.of("Kitchen", "Furniture", "Decor", "Bedding"), 8, 900),
            new Category("Clothing", List.of("Men", "Women", "Kids", "Shoes"), 6, 250),
            new Category("Grocery", List.of("Snacks", "Beverages", "Pantry", "Fresh"), 1, 40),
            new Category("Sports", List.of("Fitness", "Outdoor", "Cycling", "Team Sports"), 5, 700),
            new Category("Beauty", List.of("Skincare", "Makeup", "Fragrance", "Hair"), 3, 150),
            new Category("Toys", List.of("Games", "Puzzles", "Dolls", "Building"), 4, 180),
            new Category("Books", List.of("Fiction", "Non-fiction", "Children", "Comics"), 3, 80));

    private static final List<String> BRANDS = List.of(
            "Acme",
            "Northwind",
            "Contoso",
            "Fabrikam",
            "Globex",
            "Initech",
            "Umbrella",
            "Stark",
            "Wayne",
            "Tyrell",
            "Soylent",
            "Hooli",
            "Vandelay",
            "Wonka",
            "Cyberdyne",
            "Aperture",
            "Gringotts",
            "Monarch",
            "Oscorp",
            "Zorg");
    private static final List<String> ADJECTIVES = List.of(
            "Classic",
            "Premium",
            "Eco",
            "Smart",
            "Ultra",
            "Compact",
            "Deluxe",
            "Essential",
            "Pro",
            "Lite",
            "Max",
            "Urban",
            "Vintage",
            "Nordic",
            "Active");
    static final int SUPPLIERS = 60;
    private static final long CATALOG_SEED = 0x5EED_CA7AL;
    private static final LocalDate CATALOG_START = LocalDate.of(2015, 1, 1);

    private ProductCatalog() {}

    static Product product(long id) {
        SplittableRandom r = new SplittableRandom(CATALOG_SEED ^ (id * 0x9E37_79B9_7F4A_7C15L));
        Category category = CATEGORIES.get(r.nextInt(CATEGORIES.size()));
        String subcategory =
                category.subcategories().get(r.nextInt(category.subcategories().size()));
        String brand = BRANDS.get(r.nextInt(BRANDS.size()));
        // Log-uniform prices: many cheap items, a few expensive ones, within the category's range.
        double logPrice = Math.log(category.minPrice())
                + r.nextDouble() * (Math.log(category.maxPrice()) - Math.log(category.minPrice()));
        BigDecimal price = BigDecimal.valueOf(Math.exp(logPrice)).setScale(2, RoundingMode.HALF_UP);
        BigDecimal cost =
                price.multiply(BigDecimal.valueOf(0.45 + r.nextDouble() * 0.35)).setScale(2, RoundingMode.HALF_UP);
        String name = ADJECTIVES.get(r.nextInt(ADJECTIVES.size())) + " " + brand + " " + subcategory + " " + id;
        int supplier = 1 + r.nextInt(SUPPLIERS);
        LocalDate launched = CATALOG_START.plusDays(r.nextInt(3_300));
        return new Product(id, name, category, subcategory, brand, price, cost, supplier, launched);
    }

    static String supplierName(int supplierId) {
        return BRANDS.get(supplierId % BRANDS.size()) + " Supply Co. " + supplierId;
    }
}
