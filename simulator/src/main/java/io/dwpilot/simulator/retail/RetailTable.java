package io.dwpilot.simulator.retail;

import java.util.List;

/** The bronze tables the retail generator fills, with their business columns in COPY order. */
public enum RetailTable {
    PRODUCTS(
            "bronze.product_raw",
            List.of(
                    "product_id",
                    "product_name",
                    "category",
                    "subcategory",
                    "brand",
                    "unit_price",
                    "unit_cost",
                    "supplier_id",
                    "supplier_name",
                    "launched_on")),
    CUSTOMERS(
            "bronze.customer_raw",
            List.of(
                    "customer_id",
                    "first_name",
                    "last_name",
                    "email",
                    "gender",
                    "birth_date",
                    "segment",
                    "city",
                    "region",
                    "country",
                    "signup_date")),
    SALES(
            "bronze.sales_raw",
            List.of(
                    "transaction_id",
                    "sold_at",
                    "customer_id",
                    "product_id",
                    "store_id",
                    "channel",
                    "quantity",
                    "unit_price",
                    "discount",
                    "total_amount",
                    "payment_method")),
    INVENTORY(
            "bronze.inventory_raw",
            List.of("movement_id", "product_id", "warehouse_id", "movement_type", "quantity", "moved_at"));

    private final String bronzeTable;
    private final List<String> columns;

    RetailTable(String bronzeTable, List<String> columns) {
        this.bronzeTable = bronzeTable;
        this.columns = columns;
    }

    public String bronzeTable() {
        return bronzeTable;
    }

    public List<String> columns() {
        return columns;
    }
}
