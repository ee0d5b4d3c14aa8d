"""The vocabulary of generated records: realistic enough to read, chosen by the seeded random."""

CATEGORIES = [
    "Single-use bioprocess bags",
    "Cold-chain logistics",
    "Glass vials",
    "Chromatography resins",
    "Cell culture media",
    "Filtration",
    "Laboratory equipment",
    "Clean-room garments",
    "Contract packaging",
    "Sterilisation services",
    "Active ingredients",
    "IT services",
    "Facility management",
    "Temperature data loggers",
    "Pharmaceutical labels",
]
COUNTRIES = ["DE", "NL", "FR", "IE", "DK", "SE", "BE", "CH", "IT", "ES", "PL", "US", "GB"]
SUPPLIER_WORDS = ["Nord", "Alpine", "Delta", "Helio", "Vita", "Terra", "Aqua", "Orbit", "Prime", "Lumen"]
SUPPLIER_KINDS = ["Labs", "Logistics", "Components", "Systems", "Pharma", "Packaging", "Solutions"]
PEOPLE = ["Alex", "Sam", "Robin", "Kim", "Jo", "Noor", "Eli", "Mika", "Tove", "Luca", "Ana", "Yuki"]
SURNAMES = ["Berg", "Okafor", "Jensen", "Novak", "Silva", "Costa", "Meyer", "Haddad", "Sato", "Larsen"]

# (title, metric, unit, direction, baseline range, target ranges relative to baseline)
METRICS = [
    ("On-time delivery", "OTIF", "%", "higher", (80, 92)),
    ("Cut lead time", "Lead time", "days", "lower", (20, 45)),
    ("Fewer quality deviations", "Deviations per month", "count", "lower", (4, 12)),
    ("Raise first-pass yield", "First-pass yield", "%", "higher", (85, 95)),
    ("Lower total cost", "Cost index", "index", "lower", (95, 110)),
    ("Forecast accuracy", "Forecast accuracy", "%", "higher", (60, 80)),
    ("Cut CO2 per shipment", "CO2 per shipment", "kg", "lower", (50, 120)),
    ("Faster complaint closure", "Days to close", "days", "lower", (15, 40)),
]
COMMITMENTS = [
    "Send the monthly quality report",
    "Share the capacity plan",
    "Qualify the second production line",
    "Release the rolling forecast",
    "Approve the artwork change",
    "Run the joint kaizen workshop",
    "Deliver the prototype batch",
    "Update the safety stock levels",
    "Close the open CAPA",
    "Audit the sub-supplier",
]
DEMANDS = [
    "Monthly safety stock report",
    "Second source for a critical component",
    "Earlier notice of planned shutdowns",
    "Certificate of analysis with every batch",
    "Shorter payment terms review",
    "Joint cost-down workshop",
]
MEETINGS = {
    "check_in": "Check-in",
    "account": "Account meeting",
    "qbr": "Quarterly business review",
    "steering": "Steering committee",
}
NOTES = [
    "Good progress on the delivery plan this month.",
    "Capacity is tight in the next quarter; watch the forecast.",
    "The quality team asked for the batch records earlier.",
    "Pricing discussion moved to the next business review.",
    "The new contact person on their side starts next month.",
    "Freight costs went up; the index clause applies.",
]
