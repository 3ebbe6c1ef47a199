from rest_framework.views import APIView


class DeliveryListCreate(APIView):
    pass
