def assert_successful_registration(response):
    assert response["status"] == "registered"
